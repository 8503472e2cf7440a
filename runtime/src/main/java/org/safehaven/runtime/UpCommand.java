package org.safehaven.runtime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.runtime.platform.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven up}: starts the embedded stack, prints one progress line per step and then the ready
 * line, and stays up until Ctrl-C (the JVM exits with 130 after the shutdown hook has stopped every child) or
 * until a service dies (exit 1).
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

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    SafeHavenConfig config = options.load();
    out.println("Starting Safe Haven in " + config.dataDir().toAbsolutePath().normalize() + " ...");
    out.flush();
    RunningStack stack = EmbeddedStack.start(config, line -> {
      out.println("  " + line);
      out.flush();
    });
    if (stackOnly) {
      out.println(readyLine(stack.info(), stack.stackFile(), stack.startupSeconds()));
    } else {
      long t0 = System.nanoTime();
      Platform platform = Platform.start(stack, config, new Platform.Options(!noDemo), line -> {
        out.println("  " + line);
        out.flush();
      });
      double seconds = stack.startupSeconds() + (System.nanoTime() - t0) / 1e9;
      out.println(platformReadyLine(platform, stack.info(), stack.stackFile(), seconds));
      out.println("API " + platform.apiUrl() + "/api/v1, ingest " + platform.ingestUrl()
          + "; demo tokens (researcher, each force) in " + stack.stackFile()
          + (noDemo ? "" : "; demo generator on (watermark bound " + Platform.DEMO_OUT_OF_ORDERNESS.toSeconds()
              + " s)"));
    }
    out.println("Logs: " + stack.dataDir().resolve("logs") + ". Press Ctrl-C to stop.");
    out.flush();
    String failure = stack.awaitUnexpectedExit();
    if (failure != null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + failure);
      err.flush();
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
