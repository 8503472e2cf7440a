package org.safehaven.runtime.service;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.safehaven.runtime.RuntimeLayout;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.process.ChildProcess;

/**
 * The embedded Elasticsearch: a single node from the integ-test-zip distribution, on loopback, security
 * off. The distribution stays where the build unpacked it and is only read; the node's config (a copy,
 * through {@code ES_PATH_CONF}: Elasticsearch writes its keystore there), data, logs and temp files live
 * under {@code DATA/elasticsearch}.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM is root (as in CI), the node runs as the
 * unprivileged {@code elasticsearch.runAsUser} (created if missing), through {@code setpriv}, which
 * exec's and so keeps the pid; its directories are given to that user. If that user cannot read the
 * unpacked distribution (a checkout under /root), the distribution is copied into the data directory once.
 */
public final class ElasticsearchNode {

  public static final String NAME = "Elasticsearch";

  /** An unprivileged account the node runs as when this JVM is root. */
  public record RunAs(String user, int uid, int gid) {}

  public record Plan(Path dir, int httpPort, int transportPort, int heapMb, Optional<RunAs> runAs) {
    public Path config() {
      return dir.resolve("config");
    }

    public Path data() {
      return dir.resolve("data");
    }

    public Path logs() {
      return dir.resolve("logs");
    }

    public Path tmp() {
      return dir.resolve("tmp");
    }

    public String url() {
      return "http://127.0.0.1:" + httpPort;
    }
  }

  private ElasticsearchNode() {}

  static List<String> command(Path home, Plan plan) {
    List<String> argv = new ArrayList<>();
    plan.runAs().ifPresent(u -> argv.addAll(List.of("setpriv", "--reuid=" + u.uid(), "--regid=" + u.gid(),
        "--clear-groups", "--")));
    argv.add(home.resolve("bin").resolve("elasticsearch").toString());
    for (String setting : List.of(
        "cluster.name=safehaven",
        "node.name=safehaven",
        "discovery.type=single-node",
        "xpack.security.enabled=false",
        "network.host=127.0.0.1",
        "http.port=" + plan.httpPort(),
        "transport.port=" + plan.transportPort(),
        "path.data=" + plan.data(),
        "path.logs=" + plan.logs(),
        // A developer's disk is often fuller than the production watermarks allow; one node, no replicas.
        "cluster.routing.allocation.disk.threshold_enabled=false")) {
      argv.add("-E");
      argv.add(setting);
    }
    return argv;
  }

  static Map<String, String> environment(Path javaHome, Plan plan) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ES_JAVA_HOME", javaHome.toString());
    env.put("ES_PATH_CONF", plan.config().toString());
    env.put("ES_TMPDIR", plan.tmp().toString());
    // Pre-touching the heap costs start-up time and buys nothing on a development node.
    env.put("ES_JAVA_OPTS", "-Xms" + plan.heapMb() + "m -Xmx" + plan.heapMb() + "m -XX:-AlwaysPreTouch");
    // The launcher JVM only prepares the server's options and then waits: compiling it with C2 is wasted
    // work. Its temp files (it probes the JVM's final flags) belong under the data directory, not in /tmp.
    String cliTmp = plan.tmp().toString().matches("\\S+") ? " -Djava.io.tmpdir=" + plan.tmp() : "";
    env.put("CLI_JAVA_OPTS", "-XX:TieredStopAtLevel=1" + cliTmp);
    env.put("HOME", plan.dir().toString());
    return env;
  }

  /** The account to run as: none when this JVM is not root, else the configured user, created if missing. */
  public static Optional<RunAs> runAs(String user) {
    if (currentUid() != 0) {
      return Optional.empty();
    }
    if (run(List.of("id", "-u", user)).exit() != 0) {
      Result r = run(List.of("useradd", "--system", "--no-create-home", "--user-group",
          "--shell", "/usr/sbin/nologin", user));
      if (r.exit() != 0 && run(List.of("id", "-u", user)).exit() != 0) {
        throw new StackException("Elasticsearch refuses to run as root, and creating the user '" + user
            + "' for it failed: " + r.output());
      }
    }
    return Optional.of(new RunAs(user, Integer.parseInt(run(List.of("id", "-u", user)).output()),
        Integer.parseInt(run(List.of("id", "-g", user)).output())));
  }

  /** Creates the node's directories, hands them to the run-as user, and returns the home to run from. */
  static Path prepare(Path distHome, Plan plan) throws IOException {
    for (Path d : List.of(plan.data(), plan.logs(), plan.tmp())) {
      Files.createDirectories(d);
    }
    if (!Files.exists(plan.config().resolve("elasticsearch.yml"))) {
      copyTree(distHome.resolve("config"), plan.config());
    }
    if (plan.runAs().isEmpty()) {
      return distHome;
    }
    RunAs u = plan.runAs().get();
    Path home = distHome;
    if (!canAccess(u, List.of("-r", distHome.resolve("lib").toString(), "-a", "-x",
        distHome.resolve("bin/elasticsearch").toString()))) {
      home = plan.dir().resolve("home");
      if (!Files.exists(home.resolve("bin/elasticsearch"))) {
        copyTree(distHome, home);
      }
    }
    chownTree(plan.dir(), u);
    if (!canAccess(u, List.of("-w", plan.data().toString(), "-a", "-w", plan.config().toString()))) {
      throw new StackException("Elasticsearch runs as user '" + u.user() + "' (it refuses to run as root), and "
          + "that user cannot reach " + plan.dir() + ": choose a --data-dir outside private folders such as "
          + "/root, or give others search permission (chmod o+x) on its parent folders");
    }
    return home;
  }

  public static ChildProcess start(RuntimeLayout layout, Plan plan, Path logsDir, Duration grace) {
    Path home;
    try {
      home = prepare(layout.elasticsearchHome(), plan);
    } catch (IOException e) {
      throw new StackException("cannot prepare Elasticsearch in " + plan.dir() + ": " + e.getMessage(), e);
    }
    return ChildProcess.start(NAME, command(home, plan), environment(RuntimeLayout.javaHome(), plan),
        plan.dir(), logsDir.resolve("elasticsearch.log"), grace);
  }

  private static boolean canAccess(RunAs u, List<String> testArgs) {
    List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + u.uid(), "--regid=" + u.gid(),
        "--clear-groups", "--", "test"));
    argv.addAll(testArgs);
    return run(argv).exit() == 0;
  }

  private static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private static void chownTree(Path root, RunAs u) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", u.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", u.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, command.get(0) + " timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
