package org.safehaven.runtime.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.safehaven.runtime.RuntimeLayout;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.process.ChildProcess;

/**
 * The embedded schema registry: Apicurio Registry 2.6 (prebuilt Quarkus app) in a child JVM, serving the
 * Confluent-compatible API under {@code /apis/ccompat/v7}. Its storage is an H2 database file under
 * {@code DATA/registry}, not Apicurio's in-memory default, so schema ids survive a restart: records
 * already in Kafka carry those ids in their wire-format header.
 */
public final class ApicurioRegistry {

  public static final String NAME = "Schema registry";
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  public record Plan(Path dir, int port, int heapMb) {
    public String baseUrl() {
      return "http://127.0.0.1:" + port;
    }

    /** The Confluent-compatible API's base URL: what clients and stack.json use. */
    public String ccompatUrl() {
      return baseUrl() + CCOMPAT_PATH;
    }

    public String jdbcUrl() {
      return "jdbc:h2:file:" + dir.resolve("db").resolve("registry");
    }
  }

  private ApicurioRegistry() {}

  static List<String> command(Path java, Path runnerJar, Plan plan) {
    // A metadata service with a handful of schemas: the C1 compiler and the serial collector start it
    // faster and leave the two cores to the broker and Elasticsearch.
    return List.of(java.toString(), "-Xmx" + plan.heapMb() + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        // Names the stack this process belongs to (its command line has no other trace of the data directory).
        "-Dsafehaven.service=registry", "-Dsafehaven.dataDir=" + plan.dir().getParent(),
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + plan.port(),
        "-jar", runnerJar.toString());
  }

  static Map<String, String> environment(Plan plan) {
    return Map.of("REGISTRY_DATASOURCE_URL", plan.jdbcUrl());
  }

  public static ChildProcess start(RuntimeLayout layout, Plan plan, Path logsDir, Duration grace) {
    try {
      Files.createDirectories(plan.dir().resolve("db"));
    } catch (IOException e) {
      throw new StackException("cannot create " + plan.dir() + ": " + e.getMessage(), e);
    }
    return ChildProcess.start(NAME, command(RuntimeLayout.javaExecutable(), layout.apicurioRunnerJar(), plan),
        environment(plan), plan.dir(), logsDir.resolve("registry.log"), grace);
  }
}
