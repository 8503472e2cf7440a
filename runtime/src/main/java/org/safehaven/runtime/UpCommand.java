package org.safehaven.runtime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.runtime.logging.UpLogging;
import org.safehaven.runtime.platform.Platform;
import org.safehaven.runtime.platform.StatusReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven up}: starts the embedded stack, prints one progress line per step and then the ready
 * line, and stays up until Ctrl-C (the JVM exits with 130 after the shutdown hook has stopped every child) or
 * until a service dies (exit 1).
 *
 * <p>While the platform runs, the terminal gets a status line every {@code --status-interval} seconds
 * ({@link StatusReporter}) and errors, a few per logger a minute; everything the services log goes to
 * {@code DATA/logs/safehaven.log} ({@link UpLogging}), and warnings are only counted on the status line.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole platform: Kafka, the schema registry and Elasticsearch (topics, schemas), "
        + "ingest, the Kafka Streams application, the Flink job, the indexer, the API and the dashboard, and "
        + "the demo generator; write DIR/stack.json, and stay up until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

  /** What the ready line starts with; scripts and tests wait for it. */
  public static final String READY_PREFIX = "Safe Haven is ready";

  @Mixin
  ConfigOptions options;

  @Spec
  CommandSpec spec;

  @Option(names = "--no-demo", description = "Do not start the live demo generator.")
  boolean noDemo;

  @Option(names = "--stack-only", description = "Start only Kafka, the registry and Elasticsearch.")
  boolean stackOnly;

  @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "Print a status line (events in, alerts, dead letters, each consumer's lag, warnings logged) "
          + "every SECONDS while the platform runs; 0 prints none (default: ${DEFAULT-VALUE}).")
  int statusIntervalSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (statusIntervalSeconds < 0) {
      throw new StackException("--status-interval must be 0 (off) or a number of seconds, not "
          + statusIntervalSeconds);
    }
    SafeHavenConfig config = options.load();
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    UpLogging logging = UpLogging.install(dataDir);
    Consumer<String> print = line -> {
      out.println(line);
      out.flush();
      logging.progress(line);
    };
    print.accept("Starting Safe Haven in " + dataDir + " ...");
    RunningStack stack = EmbeddedStack.start(config, line -> print.accept("  " + line));
    if (stackOnly) {
      // No token in this one: the file gets it as the terminal does.
      print.accept(readyLine(stack.info(), stack.stackFile(), stack.startupSeconds()));
    } else {
      long t0 = System.nanoTime();
      // Opened before the platform, so its counts start with it; it prints from the ready line on.
      StatusReporter status = statusIntervalSeconds == 0 ? null
          : StatusReporter.open(StatusReporter.Settings.platform(config, stack.info().kafkaBootstrap()),
              logging::counts);
      Platform platform;
      try {
        platform = Platform.start(stack, config, new Platform.Options(!noDemo), line -> print.accept("  " + line));
      } catch (RuntimeException e) {
        if (status != null) {
          status.close();
        }
        throw e;
      }
      double seconds = stack.startupSeconds() + (System.nanoTime() - t0) / 1e9;
      out.println(platformReadyLine(platform, stack.info(), stack.stackFile(), seconds));
      // The ready line names the oversight token: the file gets it without.
      logging.progress(String.format(Locale.ROOT, "%s in %.0f s — dashboard %s", READY_PREFIX, seconds,
          platform.dashboardUrl()));
      print.accept("API " + platform.apiUrl() + "/api/v1, ingest " + platform.ingestUrl()
          + "; demo tokens (researcher, each force) in " + stack.stackFile()
          + (noDemo ? "" : "; demo generator on"));
      if (status != null) {
        // Registered last, so the shutdown stops it first: no status line while the services go down.
        stack.closeFirst(status);
        status.start(Duration.ofSeconds(statusIntervalSeconds), print, logging.file());
      }
    }
    print.accept("Logs: " + logging.file().getParent() + " (" + UpLogging.FILE_NAME
        + " for the services; warnings are counted on the status line). Press Ctrl-C to stop.");
    String failure = stack.awaitUnexpectedExit();
    if (failure != null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + failure);
      err.flush();
      logging.progress("error: " + failure);
      stack.close();
      return 1;
    }
    return 0;
  }

  static String platformReadyLine(Platform platform, StackInfo info, Path stackFile, double seconds) {
    return String.format(Locale.ROOT, "%s in %.0f s — dashboard %s (sign in with the oversight token: %s); "
            + "Kafka %s, registry %s, Elasticsearch %s (stack.json: %s)",
        READY_PREFIX, seconds, platform.dashboardUrl(), platform.oversightToken(), info.kafkaBootstrap(),
        info.registryUrl(), info.elasticsearchUrl(), stackFile);
  }

  static String readyLine(StackInfo info, Path stackFile, double seconds) {
    return String.format(Locale.ROOT, "%s in %.0f s — Kafka %s, registry %s, Elasticsearch %s (stack.json: %s)",
        READY_PREFIX, seconds, info.kafkaBootstrap(), info.registryUrl(), info.elasticsearchUrl(), stackFile);
  }
}
