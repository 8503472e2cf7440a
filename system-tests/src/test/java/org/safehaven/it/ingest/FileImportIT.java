package org.safehaven.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.topic.Topic;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.file.IngestCommand;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.testkit.SampleEvents;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.RejectionStage;
import picocli.CommandLine;

/** {@code ./safehaven ingest FILE} against the real broker and registry. */
class FileImportIT {

  private static IngestItSupport it;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    it = IngestItSupport.get();
  }

  /** Runs the ingest command as the CLI would; returns {exit code, stdout, stderr}. */
  static String[] runIngest(Path dataDir, Map<String, String> env, Path... files) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new IngestCommand(env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
    for (Path f : files) {
      args.add(f.toString());
    }
    int code = cli.execute(args.toArray(String[]::new));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  static String prefix(String what) {
    return what + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** Bad lines of several kinds; all but the last keep a readable eventId with the run's prefix. */
  static String spoil(String valid, int kind) {
    return switch (kind % 6) {
      case 0 -> valid.replaceFirst("\"force\":\"[a-z-]+\"", "\"force\":\"gotham\"");
      case 1 -> valid.replaceFirst("\"(reportedAt|queriedAt|disclosedAt|changedAt)\":\"[^\"]+\"", "\"$1\":\"yesterday\"");
      case 2 -> valid.replaceFirst("\\{\"type\"", "{\"nationality\":\"XX\",\"type\"");
      case 3 -> valid.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"arrest\"");
      case 4 -> valid.replaceFirst("\"(reportedAt|queriedAt|disclosedAt|changedAt)\":\"[^\"]+\"", "\"$1\":\"2999-01-01T00:00:00Z\"");
      default -> valid.substring(0, valid.length() / 2); // truncated: not JSON
    };
  }

  private static long fileDeadLetters() {
    return it.readAll(Topics.DEAD_LETTERS, d -> d.getStage() == RejectionStage.FILE).size();
  }

  private static <T extends SpecificRecord> int countWithPrefix(Topic<T> topic, String prefix) {
    return it.readAll(topic, v -> String.valueOf(v.get(0)).startsWith(prefix)).size();
  }

  private static int canonicalWithPrefix(String prefix) {
    int n = 0;
    for (Topic<?> t : Topics.CANONICAL) {
      n += countWithPrefix(t, prefix);
    }
    return n;
  }

  @Test
  void fileOfNEventsWithKBadGivesNMinusKRecordsKDeadLettersAndOneCountsLineAndASecondImportAddsNothing()
      throws Exception {
    String prefix = prefix("fi");
    SampleEvents events = new SampleEvents(42, prefix, Instant.now().minus(1, ChronoUnit.HOURS), 300);
    int n = 1200;
    int k = 0;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String e = events.next();
      if (i % 12 == 5) {
        lines.add(spoil(e, k++));
      } else {
        lines.add(e);
      }
      if (i % 100 == 0) {
        lines.add(""); // blank lines are not events
      }
    }
    Path file = tmp.resolve("events.jsonl");
    Files.write(file, lines);
    long deadBefore = fileDeadLetters();

    String[] first = runIngest(it.dataDir, Map.of(), file);

    assertThat(first[0]).as(first[2]).isEqualTo("0");
    assertThat(first[1].strip()).startsWith("read " + n + " = accepted " + (n - k) + " + duplicates 0 + rejected " + k + " (")
        .contains("events/s").doesNotContain("\n");
    assertThat(canonicalWithPrefix(prefix)).isEqualTo(n - k);
    List<IngestItSupport.Read<DeadLetter>> dead = it.readAll(Topics.DEAD_LETTERS, d -> d.getStage() == RejectionStage.FILE);
    assertThat(dead.size() - deadBefore).isEqualTo(k);
    List<DeadLetter> mine = dead.stream().map(IngestItSupport.Read::value)
        .filter(d -> d.getEventId() != null && d.getEventId().startsWith(prefix)).toList();
    assertThat(mine).hasSize(k - k / 6); // every spoiled line but the truncated ones (every sixth)
    assertThat(mine).allSatisfy(d -> {
      assertThat(d.getReason()).isNotBlank();
      assertThat(d.getRule()).isIn("enum", "instant", "unknown-field", "future-skew");
      assertThat(d.getFieldPath()).startsWith("$");
      assertThat(d.getSourceOffset()).as("the line number").isPositive();
      assertThat(d.getPayload()).startsWith("{");
    });

    String[] second = runIngest(it.dataDir, Map.of(), file);

    assertThat(second[1].strip()).startsWith("read " + n + " = accepted 0 + duplicates " + (n - k) + " + rejected " + k);
    assertThat(canonicalWithPrefix(prefix)).as("the second import adds no canonical record").isEqualTo(n - k);

    String everything = it.dumpAll(List.of(Topics.CRIME_REPORTS, Topics.PNC_QUERIES, Topics.DISCLOSURES,
        Topics.CASE_STATUS, Topics.DEAD_LETTERS));
    IngestItSupport.assertNoRawIdentifier(everything, events.personIds());
  }

  @Test
  void personFlowsAreKeyedByPersonRefAndShareOnePartitionPerPerson() throws Exception {
    String prefix = prefix("key");
    SampleEvents events = new SampleEvents(7, prefix, Instant.now().minus(1, ChronoUnit.HOURS), 20);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      lines.add(events.next());
    }
    Path file = tmp.resolve("keys.jsonl");
    Files.write(file, lines);
    assertThat(runIngest(it.dataDir, Map.of(), file)[0]).isEqualTo("0");

    Map<String, Integer> partitionOf = new HashMap<>();
    for (IngestItSupport.Read<PncQuery> r : it.readAll(Topics.PNC_QUERIES, q -> q.getEventId().startsWith(prefix))) {
      assertThat(r.key()).isEqualTo(r.value().getPersonRef());
      assertThat(partitionOf.computeIfAbsent("pnc " + r.key(), x -> r.partition())).isEqualTo(r.partition());
    }
    for (IngestItSupport.Read<Disclosure> r : it.readAll(Topics.DISCLOSURES, q -> q.getEventId().startsWith(prefix))) {
      assertThat(r.key()).isEqualTo(r.value().getPersonRef());
      assertThat(partitionOf.computeIfAbsent("disclosure " + r.key(), x -> r.partition())).isEqualTo(r.partition());
    }
    assertThat(partitionOf).isNotEmpty();
    assertThat(it.readAll(Topics.CRIME_REPORTS, c -> c.getEventId().startsWith(prefix)))
        .isNotEmpty().allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getReportId()));
  }

  @Test
  void withoutARunningIngestServiceTheCommandRunsThePipelineItself() throws Exception {
    Path dataDir = tmp.resolve("local");
    Files.createDirectories(dataDir);
    IngestItSupport.writeStackJson(dataDir, it.stack, null);
    PseudonymisationKey.forDemo(Map.of(), dataDir); // the demo key `up` leaves in DATA/secrets
    String prefix = prefix("loc");
    SampleEvents events = new SampleEvents(9, prefix, Instant.now().minus(1, ChronoUnit.HOURS), 10);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add(events.next());
    }
    lines.add("{not json");
    Path file = tmp.resolve("local.jsonl");
    Files.write(file, lines);

    String[] result = runIngest(dataDir, Map.of(), file);

    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).startsWith("read 61 = accepted 60 + duplicates 0 + rejected 1 (");
    assertThat(canonicalWithPrefix(prefix)).isEqualTo(60);
    assertThat(Files.isDirectory(dataDir.resolve("ingest").resolve("dedup"))).isTrue();
  }

  @Test
  void aMissingStackIsAClearErrorNotAStackTrace() {
    String[] result = runIngest(tmp.resolve("nowhere"), Map.of(), tmp.resolve("x.jsonl"));
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("cannot read").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
