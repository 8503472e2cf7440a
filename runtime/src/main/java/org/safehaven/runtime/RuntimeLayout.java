package org.safehaven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build left what the embedded stack runs: the unpacked Elasticsearch and Apicurio, and the
 * Kafka broker's classpath. Read from {@code safehaven-runtime.properties}, which the build writes
 * (resource filtering) with absolute paths into this checkout's {@code runtime/target}; a system property
 * of the same name overrides each entry.
 */
public record RuntimeLayout(Path distDir, Path kafkaClasspathFile, String elasticsearchVersion,
                            String apicurioVersion, String kafkaVersion, String version) {

  private static final String RESOURCE = "/safehaven-runtime.properties";

  public static RuntimeLayout fromBuild() {
    Properties p = new Properties();
    try (InputStream in = RuntimeLayout.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new StackException(RESOURCE + " is missing: the runtime module was not built with Maven");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RuntimeLayout(
        Path.of(value(p, "safehaven.dist.dir")),
        Path.of(value(p, "safehaven.kafka.classpath.file")),
        value(p, "safehaven.elasticsearch.version"),
        value(p, "safehaven.apicurio.version"),
        value(p, "safehaven.kafka.version"),
        value(p, "safehaven.version"));
  }

  private static String value(Properties p, String key) {
    String v = System.getProperty(key, p.getProperty(key));
    if (v == null || v.isBlank() || v.contains("${")) {
      throw new StackException("runtime setting " + key + " is missing: rebuild with 'mvn -DskipTests install'");
    }
    return v.trim();
  }

  public Path elasticsearchHome() {
    return distDir.resolve("elasticsearch-" + elasticsearchVersion);
  }

  public Path apicurioRunnerJar() {
    return distDir.resolve("apicurio-" + apicurioVersion)
        .resolve("apicurio-registry-app-" + apicurioVersion + "-runner.jar");
  }

  /** The classpath of the Kafka broker and of Kafka's own tools (StorageTool, ConsoleConsumer). */
  public String kafkaClasspath() {
    requireBuilt(kafkaClasspathFile, "the Kafka broker classpath");
    try {
      return Files.readString(kafkaClasspathFile).trim();
    } catch (IOException e) {
      throw new StackException("cannot read " + kafkaClasspathFile + ": " + e.getMessage(), e);
    }
  }

  /** The java launcher of this JVM: every child JVM runs on the same Java. */
  public static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  public void requireElasticsearch() {
    requireBuilt(elasticsearchHome().resolve("bin/elasticsearch"), "Elasticsearch");
  }

  public void requireApicurio() {
    requireBuilt(apicurioRunnerJar(), "Apicurio Registry");
  }

  private static void requireBuilt(Path path, String what) {
    if (!Files.exists(path)) {
      throw new StackException(what + " is not unpacked (" + path + " is missing): run "
          + "'mvn -DskipTests install' at the repository root");
    }
  }
}
