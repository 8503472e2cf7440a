package org.safehaven.runtime.logging;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.safehaven.runtime.platform.StatusReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for {@code ./safehaven up}'s JVM under a flood of per-event warnings: installs {@link UpLogging}
 * exactly as the command does, then logs what a flood looks like (late events from four stream threads, a
 * repeated per-event error, a start-up INFO line) and prints the status line and the summary it would show.
 * Run by {@link UpLoggingTest} as a child JVM. Arguments: DATA_DIR WARNINGS.
 */
public final class WarnFlood {

  public static final String LATE = "org.safehaven.streams.person.PersonFlowsProcessor";
  public static final String DEAD_LETTERS = "org.safehaven.streams.errors.DeadLetterHandler";
  public static final int THREADS = 4;
  public static final int ERRORS = 10;

  private WarnFlood() {}

  public static void main(String[] args) throws Exception {
    System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        java.nio.charset.StandardCharsets.UTF_8));
    Path dataDir = Path.of(args[0]);
    int warnings = Integer.parseInt(args[1]);
    UpLogging logging = UpLogging.install(dataDir);
    System.out.println("Starting (the command's own line)");
    LoggerFactory.getLogger("org.safehaven.ingest.IngestService").info("ingest is listening (flood test)");
    Logger late = LoggerFactory.getLogger(LATE);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t * (warnings / THREADS);
      int last = t == THREADS - 1 ? warnings : first + warnings / THREADS;
      Thread thread = new Thread(() -> {
        for (int i = first; i < last; i++) {
          late.warn("event E-{} arrived beyond the allowed lateness of PT24H: counted and dead-lettered, not evaluated",
              i);
        }
      }, "flood-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    Logger deadLetters = LoggerFactory.getLogger(DEAD_LETTERS);
    for (int i = 0; i < ERRORS; i++) {
      deadLetters.error("processing of safehaven.disclosures partition 0 offset {} failed in rules; dead-lettered", i,
          new IllegalStateException("per-event failure " + i));
    }
    LogCounts counts = logging.counts();
    System.out.println("COUNTS warnings=" + counts.totalWarnings() + " errors=" + counts.totalErrors()
        + " late=" + counts.warnings().getOrDefault(LATE, 0L));
    System.out.println("STATUS " + new StatusReporter.Status(12_345, 3, 42, 3, Map.of("streams", 0L), counts)
        .line(LocalTime.of(14, 3, 5)));
    System.out.println("SUMMARY " + StatusReporter.summaryLine(LocalTime.of(14, 4, 0), counts.since(LogCounts.NONE),
        "minute", logging.file()));
    System.out.println("FILE " + logging.file());
  }
}
