package org.safehaven.runtime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.safehaven.core.config.SafeHavenConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven up}: starts the embedded stack, prints one progress line per step and then the ready
 * line, and stays up until Ctrl-C (the JVM exits with 130 after the shutdown hook has stopped every child) or
 * until a service dies (exit 1).
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, the schema registry and Elasticsearch; create the topics, register the schemas, "
        + "write DIR/stack.json, and stay up until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

  /** What the ready line starts with; scripts and tests wait for it. */
  public static final String READY_PREFIX = "Safe Haven is ready";

  @Mixin
  ConfigOptions options;

  @Spec
  CommandSpec spec;

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
    out.println(readyLine(stack.info(), stack.stackFile(), stack.startupSeconds()));
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

  static String readyLine(StackInfo info, Path stackFile, double seconds) {
    return String.format(Locale.ROOT, "%s in %.0f s — Kafka %s, registry %s, Elasticsearch %s (stack.json: %s)",
        READY_PREFIX, seconds, info.kafkaBootstrap(), info.registryUrl(), info.elasticsearchUrl(), stackFile);
  }
}
