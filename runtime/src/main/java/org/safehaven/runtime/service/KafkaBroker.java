package org.safehaven.runtime.service;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.safehaven.runtime.RuntimeLayout;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.process.ChildProcess;

/**
 * The embedded Kafka broker: one KRaft node that is both broker and controller, in a child JVM
 * ({@code kafka.Kafka}) on the classpath the kafka-broker module resolves. Its log directory is formatted
 * once ({@code kafka.tools.StorageTool format}) and reused on later starts, so the platform's history
 * survives a restart; the ports may change between starts (the voter set is static configuration).
 */
public final class KafkaBroker {

  public static final String NAME = "Kafka";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  /** Files and ports of one broker, all under {@code DATA/kafka}. */
  public record Plan(Path dir, int port, int controllerPort, int heapMb) {
    public Path logDir() {
      return dir.resolve("data");
    }

    public Path serverProperties() {
      return dir.resolve("server.properties");
    }

    public Path logbackConfig() {
      return dir.resolve("logback.xml");
    }

    public String bootstrap() {
      return "127.0.0.1:" + port;
    }
  }

  private KafkaBroker() {}

  /** The broker's server.properties: a single combined node on loopback, replication factor 1 throughout. */
  static String serverProperties(Plan plan) {
    return String.join("\n",
        "# Written by ./safehaven up at every start; edits are overwritten.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + plan.controllerPort(),
        "listeners=PLAINTEXT://127.0.0.1:" + plan.port() + ",CONTROLLER://127.0.0.1:" + plan.controllerPort(),
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + plan.port(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + plan.logDir(),
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // One node: no point waiting for other consumers to join a group before the first rebalance.
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  static List<String> formatCommand(Path java, String classpath, Plan plan, String clusterId) {
    return List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=" + plan.logbackConfig(),
        "-cp", classpath, "kafka.tools.StorageTool", "format",
        "-t", clusterId, "-c", plan.serverProperties().toString());
  }

  static List<String> serverCommand(Path java, String classpath, Plan plan) {
    return List.of(java.toString(), "-Xms" + plan.heapMb() + "m", "-Xmx" + plan.heapMb() + "m",
        "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + plan.logbackConfig(),
        "-cp", classpath, "kafka.Kafka", plan.serverProperties().toString());
  }

  /** Whether the log directory has been formatted (KRaft refuses to start on an unformatted one). */
  static boolean formatted(Plan plan) {
    return Files.exists(plan.logDir().resolve("meta.properties"));
  }

  /** Writes the configuration, formats the log directory on first use, and starts the broker. */
  public static ChildProcess start(RuntimeLayout layout, Plan plan, Path logsDir, Duration grace) {
    String classpath = layout.kafkaClasspath();
    Path java = RuntimeLayout.javaExecutable();
    Path log = logsDir.resolve("kafka.log");
    try {
      Files.createDirectories(plan.logDir());
      Files.writeString(plan.serverProperties(), serverProperties(plan));
      try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-logback.xml")) {
        Files.write(plan.logbackConfig(), in.readAllBytes());
      }
      if (!formatted(plan)) {
        format(formatCommand(java, classpath, plan, Uuid.randomUuid().toString()), plan.dir(), log);
      }
    } catch (IOException e) {
      throw new StackException("cannot prepare Kafka in " + plan.dir() + ": " + e.getMessage(), e);
    }
    return ChildProcess.start(NAME, serverCommand(java, classpath, plan), Map.of(), plan.dir(), log, grace);
  }

  private static void format(List<String> command, Path workDir, Path log) throws IOException {
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile())).start();
    try {
      if (!p.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new StackException("formatting Kafka's log directory took over " + FORMAT_TIMEOUT.toSeconds()
            + " s; see " + log);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while formatting Kafka's log directory", e);
    }
    if (p.exitValue() != 0) {
      throw new StackException("formatting Kafka's log directory failed (exit " + p.exitValue() + "); see " + log);
    }
  }
}
