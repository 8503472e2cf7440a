package org.safehaven.runtime;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.safehaven.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven}: the platform's one command line. Each subcommand is a picocli {@code @Command}
 * class; errors reach the user as one line ({@code error: ...}), never as a stack trace.
 */
@Command(name = "safehaven", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Safe Haven: makes visible how police forces pass victims' and witnesses' data to "
        + "Immigration Enforcement.",
    // Every subcommand of ./safehaven. To add one, add its @Command class to this list.
    subcommands = {UpCommand.class, ServeCommand.class, org.safehaven.ingest.file.IngestCommand.class,
        org.safehaven.ingest.TokenCommand.class, org.safehaven.generator.GenerateCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {

  /** Exit code for a failure the user can act on (bad configuration, a service that did not start). */
  public static final int EXIT_FAILURE = 1;
  /** Exit code for a bug: an exception nobody turned into a clear message. */
  public static final int EXIT_INTERNAL = 70;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  public static void main(String[] args) {
    System.exit(execute(args,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof StackException || e instanceof ConfigException) {
        err.println("error: " + e.getMessage());
        err.flush();
        return EXIT_FAILURE;
      }
      err.println("error: unexpected " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      err.flush();
      return EXIT_INTERNAL;
    });
    return cl;
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"safehaven " + RuntimeLayout.fromBuild().version()};
    }
  }
}
