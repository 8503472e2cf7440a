package org.safehaven.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.runtime.EmbeddedStack;
import org.safehaven.runtime.RunningStack;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.StackInfo;
import org.safehaven.runtime.process.DataDirLock;

/**
 * The one real stack (Kafka, schema registry, Elasticsearch) that every integration test of a run shares:
 * started on first use, in a fresh data directory ({@code system-tests/target/it-stack}, or the system
 * property {@code safehaven.it.dataDir}), and stopped by the stack's own JVM shutdown hook when the test
 * JVM exits. Tests must not assume they are alone on it: use topics, consumer groups and indices of their
 * own (a random suffix) when they write.
 *
 * <p>The configuration is the defaults plus {@code SAFEHAVEN_*} environment variables (so a CI can point
 * the tests at external services); {@link #config()} returns it.
 *
 * <p>If the stack cannot start, every call rethrows that first failure at once rather than trying again
 * for each test class.
 */
public final class SharedStack {

  private static RunningStack stack;
  private static SafeHavenConfig config;
  private static RuntimeException failure;

  private SharedStack() {}

  /** Where the shared stack's services are; starts it on first call. */
  public static synchronized StackInfo get() {
    return running().info();
  }

  /** The configuration the shared stack was started with (topic partitions, retention, ...). */
  /**
   * A producer of already-encoded records (wire-format bytes, string keys) to {@code kafkaBootstrap}, as the
   * tests' feeds use: acks=all, a short linger. The caller closes it.
   */
  public static KafkaProducer<String, byte[]> bytesProducer(String kafkaBootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  public static synchronized SafeHavenConfig config() {
    running();
    return config;
  }

  /** The running stack itself (its pids, its data directory). */
  public static synchronized RunningStack running() {
    if (failure != null) {
      throw new IllegalStateException("the shared test stack failed to start: " + failure.getMessage(), failure);
    }
    if (stack == null) {
      try {
        Path dir = freeDataDir(
            Path.of(System.getProperty("safehaven.it.dataDir", "target/it-stack")).toAbsolutePath().normalize());
        deleteRecursively(dir);
        config = ConfigLoader.fromSystemEnvironment().load(null, List.of("dataDir=" + dir));
        stack = EmbeddedStack.start(config, line -> System.out.println("[shared stack] " + line));
        System.out.println(String.format(Locale.ROOT, "[shared stack] ready in %.1f s: %s",
            stack.startupSeconds(), stack.info()));
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return stack;
  }

  /**
   * The configured directory, unless another test run (another helper's build in the same checkout) has a
   * stack on it right now: then a directory of this JVM's own beside it, rather than wiping the other's.
   */
  private static Path freeDataDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      return dir;
    }
    try (DataDirLock probe = DataDirLock.acquire(dir)) {
      return dir;
    } catch (StackException busy) {
      return dir.resolveSibling(dir.getFileName() + "-" + ProcessHandle.current().pid());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the test stack's directory " + dir, e);
    }
  }
}
