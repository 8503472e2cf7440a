package org.safehaven.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.ingest.Fixtures.CLOCK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.ingest.RecordingSink;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.testkit.EventMutator;
import org.safehaven.ingest.validate.Limits;

/**
 * 12,000 random mutations of valid events through the whole pipeline: it never throws, every input
 * ends in exactly one outcome, and no raw person identifier reaches a canonical record or a dead letter.
 * (The same mutator runs against the real broker in the system tests.)
 */
class IngestFuzzTest {

  @TempDir
  Path dir;

  @Test
  void twelveThousandMutationsAreAllAccountedForAndLeakNoIdentifier() throws Exception {
    Pseudonymiser pseudonymiser = new Pseudonymiser(
        PseudonymisationKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test"));
    RecordingSink sink = new RecordingSink();
    EventMutator mutator = new EventMutator(20260701L, "fz");
    IngestCounts counts = new IngestCounts();
    try (DedupStore dedup = DedupStore.open(dir)) {
      IngestPipeline pipeline = new IngestPipeline(new EventValidator(Limits.defaults(), CLOCK), pseudonymiser,
          dedup, sink, CLOCK);
      List<CompletableFuture<Outcome>> pending = new ArrayList<>();
      for (int i = 0; i < 12_000; i++) {
        byte[] input = mutator.next();
        counts.read();
        pending.add(pipeline.ingest(input, Origin.fileLine(i + 1)).whenComplete((o, e) -> {
          if (o != null) {
            counts.record(o);
          } else {
            counts.failed();
          }
        }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    IngestCounts.Snapshot s = counts.snapshot().requireBalanced();
    assertThat(s.read()).isEqualTo(12_000);
    assertThat(s.failed()).isZero();
    assertThat(s.accepted()).isPositive();
    assertThat(s.rejected()).isGreaterThan(s.read() / 2);
    assertThat(sink.canonical.size()).isEqualTo(s.accepted());
    assertThat(sink.deadLetters.size()).isEqualTo(s.rejected());

    StringBuilder everything = new StringBuilder();
    sink.canonical.forEach(r -> everything.append(r.value()).append('\n'));
    sink.deadLetters.forEach(d -> everything.append(d).append('\n'));
    String all = everything.toString();
    for (String id : mutator.personIds()) {
      assertThat(all).as("no raw identifier in any output").doesNotContain(id);
    }
    assertThat(all.getBytes(StandardCharsets.UTF_8).length).isPositive();
  }
}
