package org.safehaven.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.ingest.Fixtures.CLOCK;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.ingest.Fixtures;
import org.safehaven.ingest.RecordingSink;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;

class FileImporterTest {

  @TempDir
  Path dir;

  private final RecordingSink sink = new RecordingSink();

  private IngestCounts.Snapshot importBytes(byte[] input, ProgressListener progress) throws Exception {
    return importBytes(input, progress, 1);
  }

  private IngestCounts.Snapshot importBytes(byte[] input, ProgressListener progress, int workers) throws Exception {
    try (DedupStore dedup = DedupStore.open(dir)) {
      IngestPipeline pipeline = new IngestPipeline(new EventValidator(Limits.defaults(), CLOCK),
          new Pseudonymiser(PseudonymisationKey.parse("ab".repeat(32), "test")), dedup, sink, CLOCK);
      return new FileImporter(pipeline, workers).importStream(new ByteArrayInputStream(input), input.length, progress);
    }
  }

  @Test
  void parallelWorkersAccountForEveryLineAndKeepOneRecordPerEventId() throws Exception {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < 5000; i++) {
      String e = i % 10 == 3 ? "{\"bad\":" + i + "}" : Fixtures.pnc("e-" + (i % 4000));
      input.write((e + "\n").getBytes(StandardCharsets.UTF_8));
    }

    IngestCounts.Snapshot s = importBytes(input.toByteArray(), ProgressListener.NONE, 3);

    assertThat(s.read()).isEqualTo(5000);
    assertThat(s.rejected()).isEqualTo(500);
    assertThat(s.accepted()).isEqualTo(sink.canonical.size());
    assertThat(sink.canonical.stream().map(r -> ((org.safehaven.schema.PncQuery) r.value()).getEventId()).distinct())
        .hasSize(sink.canonical.size());
    assertThat(s.accepted() + s.duplicates()).isEqualTo(4500);
  }

  @Test
  void parallelWorkersWriteRecordsInFileOrderAndAcceptTheFirstOfTwoLinesWithOneEventId() throws Exception {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    int lines = 4 * FileImporter.BATCH + 77; // several batches, the last one partial
    for (int i = 0; i < lines; i++) {
      // Line 1500 repeats line 10's eventId with another reason: the earlier line must win.
      String e = i == 1500 ? Fixtures.pnc("e-10").replace("IMMIGRATION_STATUS", "SAFEGUARDING") : Fixtures.pnc("e-" + i);
      input.write((e + "\n").getBytes(StandardCharsets.UTF_8));
    }

    IngestCounts.Snapshot s = importBytes(input.toByteArray(), ProgressListener.NONE, 4);

    assertThat(s.line()).isEqualTo("read " + lines + " = accepted " + (lines - 1) + " + duplicates 1 + rejected 0");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      if (i != 1500) {
        expected.add("e-" + i);
      }
    }
    assertThat(sink.canonical).extracting(r -> ((org.safehaven.schema.PncQuery) r.value()).getEventId())
        .as("records written in file order, whatever thread prepared them").containsExactlyElementsOf(expected);
    assertThat(sink.canonical.get(10).value()).extracting(v -> ((org.safehaven.schema.PncQuery) v).getReason())
        .isEqualTo(org.safehaven.schema.PncReason.IMMIGRATION_STATUS);
  }

  @Test
  void everyLineIsAccountedForAndBadLinesDoNotStopTheImport() throws Exception {
    String text = "\uFEFF" + Fixtures.crime("e-1") + "\r\n"
        + "\n   \n"
        + "{broken\n"
        + Fixtures.pnc("e-2") + "\n"
        + Fixtures.pnc("e-2") + "\n"
        + "x".repeat(100_000) + "\n"
        + Fixtures.caseStatus("e-4"); // no newline at the end
    List<IngestCounts.Snapshot> seen = new ArrayList<>();

    IngestCounts.Snapshot s = importBytes(text.getBytes(StandardCharsets.UTF_8), (r, t, c) -> seen.add(c));

    assertThat(s.line()).isEqualTo("read 6 = accepted 3 + duplicates 1 + rejected 2");
    assertThat(s.balanced()).isTrue();
    assertThat(sink.canonical).hasSize(3);
    assertThat(sink.deadLetters).extracting(DeadLetter::getRule).containsExactly("malformed-json", "too-large");
    assertThat(sink.deadLetters).extracting(DeadLetter::getSourceOffset).as("line numbers").containsExactly(4L, 7L);
    assertThat(sink.deadLetters).allSatisfy(d -> assertThat(d.getStage()).isEqualTo(RejectionStage.FILE));
    assertThat(sink.deadLetters.get(1).getPayload()).isEqualTo("(not parsed: 100000 bytes)");
    assertThat(seen).last().isEqualTo(s);
  }

  @Test
  void anUnwritableOutcomeStopsTheImportAndIsCountedAsNotWritten() throws Exception {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < 5; i++) {
      input.write((Fixtures.pnc("e-" + i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    sink.failNext = true;

    IngestCounts.Snapshot s = importBytes(input.toByteArray(), ProgressListener.NONE);

    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.read()).isEqualTo(s.accepted() + s.duplicates() + s.rejected() + s.failed());
    assertThat(s.line()).contains("not written");
  }
}
