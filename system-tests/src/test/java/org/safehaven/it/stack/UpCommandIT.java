package org.safehaven.it.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safehaven.runtime.StackFile;
import org.safehaven.runtime.StackInfo;
import org.safehaven.runtime.UpCommand;
import org.safehaven.runtime.process.Ports;

/**
 * {@code ./safehaven up --stack-only} as a user runs it: a real child process through the repository-root
 * script. Each test brings up a stack of its own (Kafka, registry, Elasticsearch; besides the shared one) and
 * then stops it the hard way. The platform services that a plain {@code up} adds on top are the platform's
 * ITs' concern (org.safehaven.it.platform).
 */
class UpCommandIT {

  /** The promise: ready within a minute on a 2-core machine. A busier machine may allow more (system property). */
  private static final Duration READY_WITHIN =
      Duration.ofSeconds(Long.getLong("safehaven.it.upReadyWithinSeconds", 60));
  private static final Path REPO = Path.of(System.getProperty("safehaven.repo.root", "..")).toAbsolutePath().normalize();

  private Up up;

  @AfterEach
  void killLeftovers() {
    if (up != null) {
      up.process.descendants().forEach(ProcessHandle::destroyForcibly);
      up.process.destroyForcibly();
    }
  }

  @Test
  void upPrintsTheReadyLineWithinAMinuteWritesStackJsonAndCtrlCLeavesNoProcessBehind() throws Exception {
    Path dir = freshDir("up-it-sigint");
    up = Up.start(dir);
    String ready = up.awaitReady();
    System.out.println("[up IT] " + ready);

    assertThat(ready).startsWith(UpCommand.READY_PREFIX);
    StackInfo info = StackFile.read(dir);
    assertThat(ready).contains(info.kafkaBootstrap(), info.registryUrl(), info.elasticsearchUrl());
    assertThat(info.pids()).containsOnlyKeys("kafka", "registry", "elasticsearch");
    assertThat(servicesAccept(info)).containsOnly(true);
    List<ProcessHandle> tree = up.tree();
    assertThat(tree).extracting(ProcessHandle::pid).containsAll(info.pids().values());

    // A second stack on the same directory is refused at once, clearly.
    Up second = Up.start(dir);
    assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.process.exitValue()).isEqualTo(1);
    assertThat(second.output()).anySatisfy(l -> assertThat(l).startsWith("error: a Safe Haven stack is already running on " + dir));

    signal("INT", up.process.pid());

    assertThat(up.process.waitFor(60, TimeUnit.SECONDS)).as("up exits after Ctrl-C").isTrue();
    assertThat(up.process.exitValue()).isEqualTo(130);
    assertThat(up.output()).contains("  Safe Haven stopped.");
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(servicesAccept(info)).containsOnly(false);
    assertThat(dir.resolve("stack.json")).doesNotExist();
  }

  @Test
  void killingTheJavaParentWithSigkillLeavesNoProcessBehind() throws Exception {
    Path dir = freshDir("up-it-sigkill");
    up = Up.start(dir);
    up.awaitReady();
    StackInfo info = StackFile.read(dir);
    List<ProcessHandle> tree = up.tree();
    assertThat(tree).extracting(ProcessHandle::pid).containsAll(info.pids().values());

    up.process.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent

    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
        .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    await().atMost(Duration.ofSeconds(10)).until(() -> !servicesAccept(info).contains(true));
  }

  @Test
  void aTakenPortIsRefusedNamingTheSettingAndNothingStartedIsLeftRunning() throws Exception {
    Path dir = freshDir("up-it-port");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      up = Up.start(dir, "--set", "elasticsearch.port=" + port);

      assertThat(up.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(up.process.exitValue()).isEqualTo(1);
      assertThat(up.output()).anySatisfy(l ->
          assertThat(l).startsWith("error: elasticsearch.port " + port + " is already in use"));
    }
    assertThat(processesOf(dir)).isEmpty();
  }

  @Test
  void aServiceNotReadyInTimeIsNamedWithItsLogAndEverythingStartedIsStopped() throws Exception {
    Path dir = freshDir("up-it-timeout");
    up = Up.start(dir, "--set", "startupTimeoutSeconds=2");

    assertThat(up.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(up.process.exitValue()).isEqualTo(1);
    assertThat(up.output()).anySatisfy(l -> assertThat(l)
        .matches("error: (Kafka|Schema registry|Elasticsearch) was not ready within 2 s; see " + dir + "/logs/.*"));
    assertThat(up.output()).noneMatch(l -> l.contains("\tat "));
    assertThat(processesOf(dir)).isEmpty();
  }

  /** Every live process whose command line names the data directory (each server's does). */
  private static List<String> processesOf(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(dir.toString()))
        .toList();
  }

  private static List<Boolean> servicesAccept(StackInfo info) {
    String kafka = info.kafkaBootstrap();
    return List.of(
        Ports.accepts("127.0.0.1", Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1)), 1000),
        Ports.accepts("127.0.0.1", URI.create(info.registryUrl()).getPort(), 1000),
        Ports.accepts("127.0.0.1", URI.create(info.elasticsearchUrl()).getPort(), 1000));
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static Path freshDir(String name) throws IOException {
    Path dir = Path.of("target", name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }

  /** A running {@code ./safehaven up}, its output collected line by line. */
  private static final class Up {
    final Process process;
    final long startedNanos = System.nanoTime();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private Up(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, "up-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Up start(Path dir, String... more) throws IOException {
      List<String> command = new ArrayList<>(List.of(REPO.resolve("safehaven").toString(), "up", "--stack-only",
          "--data-dir", dir.toString()));
      command.addAll(List.of(more));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      // The build is this test run's own; the script must not start another Maven build under it.
      pb.environment().put("SAFEHAVEN_SKIP_BUILD", "1");
      return new Up(pb.start());
    }

    List<String> output() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    /** The ready line, which must come within a minute of the command's start. */
    String awaitReady() throws InterruptedException {
      long deadline = startedNanos + READY_WITHIN.toNanos();
      while (true) {
        var ready = output().stream().filter(l -> l.startsWith(UpCommand.READY_PREFIX)).findFirst();
        if (ready.isPresent()) {
          System.out.println(String.format(Locale.ROOT, "[up IT] ./safehaven up was ready %.1f s after it was launched",
              (System.nanoTime() - startedNanos) / 1e9));
          return ready.get();
        }
        if (!process.isAlive()) {
          throw new AssertionError("./safehaven up exited (code " + process.exitValue() + ") before it was ready:\n"
              + String.join("\n", output()));
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("./safehaven up was not ready within " + READY_WITHIN.toSeconds() + " s:\n"
              + String.join("\n", output()));
        }
        Thread.sleep(200);
      }
    }

    /** Every process ./safehaven up started, and itself. */
    List<ProcessHandle> tree() {
      List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
      all.add(process.toHandle());
      return all;
    }
  }
}
