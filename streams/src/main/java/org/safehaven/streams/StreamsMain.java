package org.safehaven.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.safehaven.core.config.ConfigException;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.policy.PolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./safehaven streams}: runs the Kafka Streams application in the foreground until Ctrl-C (or
 * SIGTERM). The stack is found from {@code --bootstrap} and {@code --registry}, or from
 * {@code DATA/stack.json}. Also the entry point of a child JVM ({@link #main}), e.g. for tests that kill the
 * process hard. Prints one line starting {@value #READY} once every stream thread runs. Exit codes: 0 after a
 * clean stop, 2 for a bad configuration or policy, 1 when the application fails.
 */
@Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the Kafka Streams application: role tagging, lineage and real-time breach alerts.")
public final class StreamsMain implements Callable<Integer> {

  public static final String READY = "Safe Haven streams running";

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (stack.json, default state dir).")
  Path dataDir;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (else stack.json).")
  String bootstrap;

  @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL (else stack.json).")
  String registry;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy file.")
  Path policy;

  @Option(names = "--config", paramLabel = "FILE", description = "A configuration file (YAML).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a configuration key, e.g. streams.threads=2.")
  List<String> sets = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  public StreamsMain() {
    this(System.out, System.err);
  }

  public StreamsMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsMain()).execute(args));
  }

  @Override
  public Integer call() {
    StreamsApp app;
    try {
      List<String> flags = new ArrayList<>(sets);
      if (dataDir != null) {
        flags.add("dataDir=" + dataDir);
      }
      if (stateDir != null) {
        flags.add("streams.stateDir=" + stateDir);
      }
      if (policy != null) {
        flags.add("streams.policyFile=" + policy);
      }
      SafeHavenConfig cfg = ConfigLoader.fromSystemEnvironment().load(config, flags);
      String kafka = bootstrap;
      String reg = registry;
      if (kafka == null || reg == null) {
        JsonNode stack = readStackJson(cfg.dataDir().resolve("stack.json"));
        kafka = kafka != null ? kafka : stack.path("kafkaBootstrap").asText("");
        reg = reg != null ? reg : stack.path("registryUrl").asText("");
      }
      if (kafka.isEmpty() || reg.isEmpty()) {
        err.println("error: no Kafka or registry address: pass --bootstrap and --registry, or --data-dir of a running stack");
        return 2;
      }
      app = StreamsApp.start(cfg, kafka, reg);
    } catch (ConfigException | PolicyException | StreamsStartException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "safehaven-streams-shutdown"));
    try {
      app.awaitRunning(Duration.ofMinutes(5));
      out.println(READY + " (policy " + app.policy().version() + " from " + app.policySource() + ")");
      out.flush();
      stopped.await();
      return 0;
    } catch (StreamsStartException e) {
      err.println("error: " + e.getMessage());
      app.close();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static JsonNode readStackJson(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new StreamsStartException("cannot read " + file + " (is the stack up? ./safehaven up)");
    }
  }
}
