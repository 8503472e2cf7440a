package org.safehaven.it.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Alert;
import org.safehaven.streams.StreamsMain;

/**
 * Exactly once across a crash: the application runs as its own JVM, is killed with SIGKILL (no shutdown
 * hook, no close, transactions left open) while events are flowing, and restarted on the same state
 * directory. The alerts on the topic, read committed, are still exactly the answer key: none lost, none twice.
 */
class StreamsKillRecoveryIT {

  @Test
  void applicationKilledHardMidStreamAndRestartedStillRaisesExactlyTheAnswerKey() throws Exception {
    StreamsItSupport it = StreamsItSupport.get();
    long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    StreamsItSupport.World world = it.generate(seed);
    String appId = "safehaven-streams-it-kill-" + UUID.randomUUID();
    Path stateDir = it.dir.resolve("state-" + appId);

    it.importFile(world.context());
    Process first = startChild(it, appId, stateDir, "first");
    Process second = null;
    try {
      awaitReady(first, it.dir.resolve(appId + "-first.log"));
      it.awaitCaughtUp(appId, Duration.ofMinutes(6));

      // The flows go in chunks from another thread; the kill lands while they are being processed.
      List<Path> chunks = split(world.flows(), it.dir.resolve(appId + "-flows"), 8);
      Thread feeder = new Thread(() -> {
        for (Path chunk : chunks) {
          try {
            it.importFile(chunk);
            Thread.sleep(400);
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }, "feeder");
      feeder.start();
      List<Alert> before = it.awaitAlerts(world.eventIds(), 1, Duration.ZERO, Duration.ofMinutes(1));
      assertThat(before).as("alerts before the kill").isNotEmpty()
          .hasSizeLessThan(world.expected().size());
      first.destroyForcibly().waitFor(); // SIGKILL
      assertThat(first.exitValue()).isEqualTo(137);
      feeder.join(Duration.ofMinutes(2).toMillis());

      second = startChild(it, appId, stateDir, "second");
      awaitReady(second, it.dir.resolve(appId + "-second.log"));
      List<Alert> alerts = it.awaitAlerts(world.eventIds(), world.expected().size(), Duration.ofSeconds(5),
          Duration.ofMinutes(2));
      List<String> actual = alerts.stream().map(StreamsItSupport::comparable).sorted().toList();
      assertThat(actual).as("alerts of seed %d after a kill -9 and a restart", seed)
          .containsExactlyElementsOf(world.expected());
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroy();
        second.waitFor();
      }
    }
  }

  private static Process startChild(StreamsItSupport it, String appId, Path stateDir, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
        StreamsMain.class.getName(),
        "--bootstrap", it.stack.kafkaBootstrap(),
        "--registry", it.stack.registryUrl(),
        "--data-dir", it.dir.toString(),
        "--state-dir", stateDir.toString(),
        "--policy", it.itPolicy().toString(),
        "--set", "streams.applicationId=" + appId);
    pb.redirectErrorStream(true);
    pb.redirectOutput(it.dir.resolve(appId + "-" + name + ".log").toFile());
    return pb.start();
  }

  private static void awaitReady(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(StreamsMain.READY)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the streams JVM exited " + p.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the streams JVM was not ready within 2 minutes:\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static List<Path> split(Path file, Path prefix, int parts) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    int size = (lines.size() + parts - 1) / parts;
    for (int i = 0; i < parts; i++) {
      List<String> chunk = lines.subList(Math.min(lines.size(), i * size), Math.min(lines.size(), (i + 1) * size));
      Path p = Path.of(prefix + "-" + i + ".jsonl");
      Files.write(p, chunk, StandardCharsets.UTF_8);
      out.add(p);
    }
    return out;
  }
}
