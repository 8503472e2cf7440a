package org.safehaven.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safehaven.ingest.Fixtures.CLOCK;
import static org.safehaven.ingest.Fixtures.SUSPECT_ID;
import static org.safehaven.ingest.Fixtures.VICTIM_ID;
import static org.safehaven.ingest.Fixtures.bytes;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.Fixtures;
import org.safehaven.ingest.RecordingSink;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.RejectionStage;

class IngestPipelineTest {

  @TempDir
  Path dir;

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(
      PseudonymisationKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test"));
  private final RecordingSink sink = new RecordingSink();
  private DedupStore dedup;
  private IngestPipeline pipeline;

  @BeforeEach
  void open() {
    dedup = DedupStore.open(dir);
    pipeline = new IngestPipeline(new EventValidator(Limits.defaults(), CLOCK), pseudonymiser, dedup, sink, CLOCK);
  }

  @AfterEach
  void close() {
    dedup.close();
  }

  private Outcome ingest(String json, Origin origin) throws Exception {
    return pipeline.ingest(bytes(json), origin).get();
  }

  @Test
  void aValidEventBecomesOneCanonicalRecordWithRefsOnly() throws Exception {
    Outcome o = ingest(Fixtures.crime("e-1"), Origin.HTTP);

    assertThat(o.kind()).isEqualTo(Outcome.Kind.ACCEPTED);
    assertThat(o.topic()).isEqualTo(Topics.CRIME_REPORTS.name());
    assertThat(sink.canonical).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("KENT-2026-000123");
      CrimeReported c = (CrimeReported) r.value();
      assertThat(c.getPersons()).extracting(p -> p.getPersonRef())
          .containsExactly(pseudonymiser.refText(VICTIM_ID), pseudonymiser.refText(SUSPECT_ID));
      assertThat(c.getAcceptedAt()).isEqualTo(Fixtures.NOW);
      assertThat(c.toString()).doesNotContain(VICTIM_ID).doesNotContain(SUSPECT_ID);
    });
  }

  @Test
  void personFlowsAreKeyedByPersonRefSoOnePersonSharesAPartition() throws Exception {
    ingest(Fixtures.pnc("e-2"), Origin.HTTP);
    ingest(Fixtures.disclosure("e-3"), Origin.HTTP);
    ingest(Fixtures.caseStatus("e-4"), Origin.HTTP);

    String ref = pseudonymiser.refText(VICTIM_ID);
    assertThat(sink.canonical).extracting(r -> r.topic().name() + " " + r.key()).containsExactly(
        Topics.PNC_QUERIES.name() + " " + ref,
        Topics.DISCLOSURES.name() + " " + ref,
        Topics.CASE_STATUS.name() + " KENT-2026-000123");
    assertThat(((PncQuery) sink.canonical.get(0).value()).getPersonRef()).isEqualTo(ref);
  }

  @Test
  void theSameEventIdTwiceGivesOneRecordAndADuplicate() throws Exception {
    assertThat(ingest(Fixtures.pnc("e-2"), Origin.HTTP).kind()).isEqualTo(Outcome.Kind.ACCEPTED);
    assertThat(ingest(Fixtures.pnc("e-2"), Origin.fileLine(1)).kind()).isEqualTo(Outcome.Kind.DUPLICATE);
    assertThat(sink.canonical).hasSize(1);
    assertThat(sink.deadLetters).as("duplicates are counted, not dead-lettered").isEmpty();
  }

  @Test
  void aRefusedEventBecomesADeadLetterWithReasonPathRuleAndScrubbedPayload() throws Exception {
    String bad = Fixtures.disclosure("e-3").replace("\"NCCU_PHONE\"", "\"CARRIER_PIGEON\"");
    Outcome o = ingest(bad, Origin.rawTopic(Topics.EVENTS_RAW.name(), 2, 41));

    assertThat(o.kind()).isEqualTo(Outcome.Kind.REJECTED);
    assertThat(o.violations()).extracting(v -> v.path()).containsExactly("$.channel");
    DeadLetter d = sink.deadLetters.get(0);
    assertThat(d.getStage()).isEqualTo(RejectionStage.RAW_TOPIC);
    assertThat(d.getRule()).isEqualTo("enum");
    assertThat(d.getFieldPath()).isEqualTo("$.channel");
    assertThat(d.getReason()).contains("$.channel");
    assertThat(d.getEventId()).isEqualTo("e-3");
    assertThat(d.getForce()).isEqualTo("kent");
    assertThat(d.getSourcePartition()).isEqualTo(2);
    assertThat(d.getSourceOffset()).isEqualTo(41L);
    assertThat(d.getPayload()).contains(pseudonymiser.refText(VICTIM_ID)).doesNotContain(VICTIM_ID);
    assertThat(sink.canonical).isEmpty();
  }

  @Test
  void aFailedWriteIsNotAnOutcomeAndARetryIsAcceptedNotADuplicate() throws Exception {
    sink.failNext = true;
    assertThatThrownBy(() -> ingest(Fixtures.pnc("e-2"), Origin.HTTP))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SinkUnavailableException.class);

    assertThat(ingest(Fixtures.pnc("e-2"), Origin.HTTP).kind()).isEqualTo(Outcome.Kind.ACCEPTED);
    assertThat(sink.canonical).hasSize(1);
  }

  @Test
  void dedupHoldsAcrossARestartOfThePipeline() throws Exception {
    ingest(Fixtures.caseStatus("e-4"), Origin.HTTP);
    pipeline.flush();
    dedup.close();
    open();
    assertThat(ingest(Fixtures.caseStatus("e-4"), Origin.HTTP).kind()).isEqualTo(Outcome.Kind.DUPLICATE);
  }
}
