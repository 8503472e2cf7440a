package org.safehaven.runtime.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.process.ChildProcess;

/**
 * The Flink job ({@code FlinkMain live}) in a local MiniCluster, as a child JVM on this JVM's classpath:
 * Flink needs its own JVM options (--add-opens) and heap, and as a {@link ChildProcess} it cannot outlive
 * {@code ./safehaven up}, kill -9 included. Checkpoints go to {@code DATA/flink/checkpoints}, so a restart
 * resumes where the last run stopped.
 */
public final class FlinkJob implements AutoCloseable {

  /** The JVM options the job needs on Java 17 (the same as the flink module's tests use). */
  static final List<String> JVM_OPTIONS = List.of("-Xmx768m",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.sql/java.sql=ALL-UNNAMED");

  /** The job's consumer group, given to it explicitly: the status line reports this group's lag. */
  public static final String GROUP_ID = "safehaven-flink";

  private final ChildProcess child;

  private FlinkJob(ChildProcess child) {
    this.child = child;
  }

  /**
   * The child's command line. Pure.
   *
   * @param outOfOrderness the watermark bound, or null for the policy's allowedLateness (the job's default)
   */
  static List<String> command(String java, String classpath, String kafkaBootstrap, String registryUrl,
                              Path checkpoints, Duration outOfOrderness) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(JVM_OPTIONS);
    cmd.addAll(List.of("-cp", classpath, "org.safehaven.flink.FlinkMain", "live",
        "--bootstrap", kafkaBootstrap, "--registry", registryUrl, "--group-id", GROUP_ID,
        "--state-dir", checkpoints.toAbsolutePath().toString()));
    if (outOfOrderness != null) {
      cmd.addAll(List.of("--out-of-orderness", outOfOrderness.toString()));
    }
    return cmd;
  }

  public static FlinkJob start(Path dataDir, String kafkaBootstrap, String registryUrl, Duration outOfOrderness) {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path checkpoints = dataDir.resolve("flink").resolve("checkpoints");
    Path logs = dataDir.resolve("logs");
    try {
      Files.createDirectories(checkpoints);
      Files.createDirectories(logs);
    } catch (java.io.IOException e) {
      throw new StackException("cannot create " + checkpoints + ": " + e.getMessage(), e);
    }
    ChildProcess child = ChildProcess.start("flink", command(java, System.getProperty("java.class.path"),
        kafkaBootstrap, registryUrl, checkpoints, outOfOrderness), Map.of(), dataDir, logs.resolve("flink.log"),
        Duration.ofSeconds(20));
    return new FlinkJob(child);
  }

  public ChildProcess process() {
    return child;
  }

  @Override
  public void close() {
    child.stop();
  }
}
