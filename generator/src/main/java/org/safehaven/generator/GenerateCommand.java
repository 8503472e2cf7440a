package org.safehaven.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.safehaven.core.policy.PolicyException;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.generator.output.Counts;
import org.safehaven.schema.Rule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code safehaven generate}: realistic traffic in the interchange format with its answer key, or a live
 * stream for the demo. Exit codes: 0 done, 1 an I/O failure, 2 unusable parameters or policy.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Writes realistic police data-sharing events (JSON Lines, the specification's interchange format) with an answer key:",
        "FILE.key.jsonl lists the alerts the specification's rules must raise, FILE.summary.json counts what was written.",
        "Deterministic: the same seed and parameters give byte-identical files.",
        "",
        "Examples:",
        "  generate --forces kent --days 1 kent-day.jsonl",
        "  generate --days 365 national-year.jsonl               (about 60 million events)",
        "  generate --profile test --seed 7 test.jsonl           (small, every rule and edge case)",
        "  generate --live --rate 5                              (to standard output, forever)"})
public final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
      description = "Events file to write; '-' for standard output (default).")
  private String file;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "realistic (default), test (small files rich in breaches and edge cases) or demo (default with --live).")
  private String profile;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--start", paramLabel = "DATE", description = "First day, ISO date (default: the profile's).")
  private String start;

  @Option(names = "--days", description = "Number of days (default: 1; test profile 760).")
  private Integer days;

  @Option(names = "--forces", split = ",", paramLabel = "SLUG",
      description = "Forces by data.police.uk slug, comma-separated (default: all 43 and btp).")
  private List<String> forces;

  @Option(names = "--scale", description = "Fraction of national volume (default: 1.0; test profile 0.00005).")
  private Double scale;

  @Option(names = "--breach-rate", paramLabel = "X",
      description = "Multiplier of victims' data flows to immigration recipients (flows about suspects: its square root; default: 1; test 1000; demo 300).")
  private Double breachRate;

  @Option(names = "--bad-share", paramLabel = "SHARE",
      description = "Share of deliberately invalid lines, e.g. 0.01 (default: 0; test 0.01).")
  private Double badShare;

  @Option(names = "--duplicate-share", paramLabel = "SHARE",
      description = "Share of events delivered twice with the same eventId (default: 0.0005; test 0.005).")
  private Double duplicateShare;

  @Option(names = "--shuffle-hours", paramLabel = "N",
      description = "Deliver events up to N hours out of event-time order (default: 0; at most the policy's allowedLateness).")
  private Integer shuffleHours;

  @Option(names = "--edge-cases", paramLabel = "N",
      description = "Plant each edge case of the catalogue N times (default: 0; test profile 3).")
  private Integer edgeCases;

  @Option(names = "--id-tag", defaultValue = "auto", paramLabel = "TAG",
      description = "Suffix of every identifier: auto (from seed and parameters), none, or letters/digits.")
  private String idTag;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file for the answer key (default: $SAFEHAVEN_POLICY_FILE, ./policy/safehaven-policy.yml, built-in).")
  private Path policy;

  @Option(names = "--key", paramLabel = "FILE", description = "Answer key path (default: FILE.key.jsonl; none for stdout).")
  private Path key;

  @Option(names = "--summary", paramLabel = "FILE", description = "Summary path (default: FILE.summary.json).")
  private Path summary;

  @Option(names = "--quiet", description = "No progress or result lines on standard error.")
  private boolean quiet;

  @Option(names = "--live", description = "Write events in current time, forever (Ctrl-C stops).")
  private boolean live;

  @Option(names = "--rate", defaultValue = "5", description = "Live mode: average events per second (default: ${DEFAULT-VALUE}).")
  private double rate;

  @Option(names = "--history-days", defaultValue = "14",
      description = "Live mode: days of immigration stories written at once before going live (default: ${DEFAULT-VALUE}).")
  private int historyDays;

  private final OutputStream stdout;
  private final PrintStream stderr;

  public GenerateCommand() {
    this(System.out, System.err);
  }

  public GenerateCommand(OutputStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }

  @Override
  public Integer call() {
    try {
      return live ? live() : files();
    } catch (GeneratorException | PolicyException e) {
      stderr.println("generate: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      stderr.println("generate: no such file or folder: " + e.getFile());
      return 1;
    } catch (IOException e) {
      stderr.println("generate: cannot write: " + e.getMessage());
      return 1;
    }
  }

  private Profile profile(Profile dflt) {
    if (profile == null) {
      return dflt;
    }
    try {
      return Profile.valueOf(profile.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new GeneratorException("--profile must be realistic, test or demo");
    }
  }

  private int files() throws IOException {
    LocalDate startDate = null;
    if (start != null) {
      try {
        startDate = LocalDate.parse(start.strip());
      } catch (DateTimeParseException e) {
        throw new GeneratorException("--start must be an ISO date such as 2025-01-01");
      }
    }
    GeneratorOptions options = GeneratorOptions.resolve(profile(Profile.REALISTIC), seed, startDate, days, forces,
        scale, breachRate, badShare, duplicateShare, shuffleHours, edgeCases, idTag);
    PolicyLoader.Loaded loaded = PolicyLoader.resolve(policy);
    boolean toStdout = file.equals("-");
    Path events = toStdout ? null : Path.of(file);
    Path keyFile = key != null ? key : toStdout ? null : Path.of(file + ".key.jsonl");
    Path summaryFile = summary != null ? summary : toStdout ? null : Path.of(file + ".summary.json");
    for (Path p : new Path[] {events, keyFile, summaryFile}) {
      if (p != null && p.toAbsolutePath().getParent() != null && !Files.isDirectory(p.toAbsolutePath().getParent())) {
        throw new NoSuchFileException(p.toAbsolutePath().getParent().toString());
      }
    }
    if (!quiet && options.start().plusDays(options.days()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        .isAfter(java.time.Instant.now())) {
      stderr.println("generate: warning: the period ends after now; ingest rejects events in the future");
    }
    long t0 = System.nanoTime();
    Generator.Progress progress = quiet ? Generator.Progress.NONE : new ProgressLine(stderr, t0);
    Generator.Result r = Generator.toFiles(options, loaded.policy(), events, stdout, keyFile, summaryFile, progress);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!quiet) {
      Counts c = r.counts();
      stderr.printf(Locale.ROOT, "generate: wrote %,d lines (%,d valid, %,d duplicates, %,d bad) in %.1f s, %,.0f lines/s%n",
          c.lines(), c.valid(), c.duplicates(), c.bad(), seconds, c.lines() / Math.max(seconds, 1e-9));
      stderr.println("generate: answer key (policy " + loaded.policy().version() + " from " + loaded.source() + "): "
          + r.alerts().size() + " alerts " + byRule(r.alerts()) + (keyFile != null ? " -> " + keyFile : ""));
    }
    if (toStdout && summary == null && !quiet) {
      stderr.print(Generator.summary(r));
    }
    return 0;
  }

  private int live() throws IOException {
    Profile p = profile(Profile.DEMO);
    LiveGenerator.Settings s = new LiveGenerator.Settings(seed, rate, historyDays, forces == null ? List.of() : forces,
        breachRate != null ? breachRate : p.breachRate, badShare != null ? badShare : p.badShare,
        duplicateShare != null ? duplicateShare : p.duplicateShare);
    boolean toStdout = file.equals("-");
    // Buffered: the history is written at once; the live generator flushes whenever it waits for the clock.
    OutputStream target = toStdout ? stdout : Files.newOutputStream(Path.of(file));
    try (EventSink sink = EventSink.lines(new java.io.BufferedOutputStream(target, 1 << 16))) {
      if (!quiet) {
        stderr.println("generate: live at about " + rate + " events/s (after " + historyDays
            + " days of history); Ctrl-C stops");
      }
      Counts c = LiveGenerator.run(s, sink, Clock.systemUTC());
      if (!quiet) {
        stderr.printf(Locale.ROOT, "generate: stopped after %,d lines%n", c.lines());
      }
    }
    return 0;
  }

  private static String byRule(List<KeyAlert> alerts) {
    Map<Rule, Integer> m = new java.util.EnumMap<>(Rule.class);
    for (KeyAlert a : alerts) {
      m.merge(a.rule(), 1, Integer::sum);
    }
    return m.toString();
  }

  /** At most one progress line every two seconds, on standard error. */
  private static final class ProgressLine implements Generator.Progress {
    private final PrintStream err;
    private final long t0;
    private long lastNanos;

    ProgressLine(PrintStream err, long t0) {
      this.err = err;
      this.t0 = t0;
      this.lastNanos = t0;
    }

    @Override
    public void day(int done, int days, long lines) {
      long now = System.nanoTime();
      if (now - lastNanos >= 2_000_000_000L && done < days) {
        lastNanos = now;
        double s = (now - t0) / 1e9;
        err.printf(Locale.ROOT, "generate: day %d/%d, %,d lines, %,.0f lines/s%n", done, days, lines, lines / s);
      }
    }
  }
}
