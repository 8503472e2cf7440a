package org.safehaven.it.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexerService;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RejectionStage;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The indexer against a real Kafka, registry and Elasticsearch: the shared stack's ({@link IndexerIT}) or the
 * images docker-compose.yml deploys ({@link IndexerContainerIT}), with the same assertions. Replays and restarts
 * never duplicate a document, offsets are committed once Elasticsearch has everything, a document
 * Elasticsearch refuses goes alone to the dead letters, and an alert keeps its highest revision whatever the
 * arrival order while every revision stays in its history. Each test has a landing zone of its own (topics, group,
 * indices).
 */
abstract class IndexerContract {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<Landing> landings = new ArrayList<>();

  /** Kafka, the registry and Elasticsearch to test against (only their addresses are read). */
  protected abstract StackInfo stack();

  @AfterAll
  static void close() {
    landings.forEach(Landing::close);
    // Shared by the subclasses' runs in one JVM: each closes only its own.
    landings.clear();
  }

  private Landing landing() {
    StackInfo stack = stack();
    Landing l = new Landing(stack, stack.elasticsearchUrl());
    landings.add(l);
    return l;
  }

  @Test
  void indexingTheSameRecordsTwiceGivesOneDocumentPerDistinctRecord() {
    Landing l = landing();
    List<Alert> alerts = Samples.alerts("kent", 300, T0);
    List<LineageRecord> flows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flows.add(i % 2 == 0
          ? Samples.disclosure("d-" + i, "kent", "p" + i, T0.plusSeconds(i * 60L), "R-" + i,
              Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_EMAIL, List.of())
          : Samples.pncCheck("q-" + i, "kent", "p" + i, T0.plusSeconds(i * 60L), null, PncReason.IMMIGRATION_STATUS,
              List.of(Samples.victim("R-" + i, "kent", Offence.ROBBERY, T0))));
    }
    for (int round = 0; round < 2; round++) {
      l.send(l.sources.alerts(), alerts, Alert::getForce);
      l.send(l.sources.lineage(), flows, LineageRecord::getPersonRef);
      l.send(l.sources.crimeReports(), List.of(Samples.report("cr-1", "kent", "R-1", T0, Offence.DOMESTIC_ABUSE,
          "v1", "s1")), r -> r.getReportId());
      l.send(l.sources.caseStatus(), List.of(Samples.caseStatus("cs-1", "kent", "R-1", CaseStatusValue.CLOSED,
          T0.plusSeconds(86_400))), c -> c.getReportId());
    }
    try (IndexerService indexer = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
      assertThat(l.count(l.indices.alerts())).isEqualTo(300);
      assertThat(l.count(l.indices.alertRevisions())).as("one revision each").isEqualTo(300);
      assertThat(l.count(l.indices.lineage())).isEqualTo(200);
      assertThat(l.count(l.indices.reports())).as("a report and a case status").isEqualTo(2);
      assertThat(indexer.stats().indexed()).as("every record was written, the duplicates overwriting").isEqualTo(1004);
      assertThat(indexer.stats().deadLettered()).isZero();
    }
    // A replay from the beginning by a new group changes nothing either.
    try (IndexerService replay = IndexerService.start(new IndexerService.Endpoints(l.stack.kafkaBootstrap(),
        l.stack.registryUrl(), l.elasticsearchUrl), l.config("indexer.groupId=it-replay-" + l.id,
        "indexer.indexPrefix=" + l.indices.prefix()).indexer(), l.sources)) {
      await().atMost(WAIT).until(() -> replay.stats().indexed() == 1004);
      assertThat(l.count(l.indices.alerts())).isEqualTo(300);
      assertThat(l.count(l.indices.lineage())).isEqualTo(200);
    }
  }

  @Test
  void restartingTheIndexerMidStreamLosesNothingAndDuplicatesNothing() {
    Landing l = landing();
    List<Alert> first = Samples.alerts("essex", 2500, T0);
    l.send(l.sources.alerts(), first, Alert::getForce);
    IndexerService indexer = l.startIndexer();
    await().atMost(WAIT).until(() -> indexer.stats().indexed() > 0);
    indexer.close();
    long before = l.count(l.indices.alerts());
    // More while it is down, overlapping what it may already have stored.
    List<Alert> second = new ArrayList<>(Samples.alerts("essex", 1500, T0.plusSeconds(3600L * 2500)));
    second.addAll(first.subList(0, 800));
    l.send(l.sources.alerts(), second, Alert::getForce);
    try (IndexerService again = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
      assertThat(l.count(l.indices.alerts())).as("distinct alerts (stored %d before the restart)", before)
          .isEqualTo(4000);
      assertThat(again.stats().deadLettered()).isZero();
    }
  }

  @Test
  void aDocumentElasticsearchRefusesGoesAloneToTheDeadLettersWithItsReason() {
    Landing l = landing();
    List<Alert> alerts = new ArrayList<>(Samples.alerts("kent", 50, T0));
    // A keyword over Lucene's 32766-byte term limit: Elasticsearch refuses this one document for good.
    Alert immense = Samples.alerts("kent", 1, T0.minusSeconds(99)).get(0);
    immense.setAlertId("immense-1");
    immense.setReportId("PNC-1999/0123456A-" + "x".repeat(40_000));
    alerts.add(25, immense);
    List<RecordMetadata> sent = l.send(l.sources.alerts(), alerts, a -> "kent");
    RecordMetadata immenseAt = sent.get(25);
    RecordMetadata pill = l.sendRaw(l.sources.lineage(), "kent", "{\"personId\":\"PNC-1999/0123456A\"}".getBytes());
    try (IndexerService indexer = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
      assertThat(l.count(l.indices.alerts())).as("every other alert of the same batches").isEqualTo(50);
      assertThat(l.count(l.indices.alertRevisions())).isEqualTo(50);
      assertThat(indexer.stats().deadLettered()).as("one letter per record, though both its documents were refused")
          .isEqualTo(2);
    }
    List<ConsumerRecord<String, DeadLetter>> letters = l.readAll(l.sources.deadLetters(), DeadLetter.class);
    assertThat(letters).hasSize(2);
    DeadLetter refused = letters.stream().map(ConsumerRecord::value)
        .filter(d -> l.sources.alerts().equals(d.getSourceTopic())).findFirst().orElseThrow();
    assertThat(refused.getStage()).isEqualTo(RejectionStage.INDEXER);
    assertThat(refused.getSourcePartition()).isEqualTo(immenseAt.partition());
    assertThat(refused.getSourceOffset()).isEqualTo(immenseAt.offset());
    // The alert and its history entry are both refused; the letter names whichever was answered first.
    assertThat(refused.getReason()).contains("immense-1").containsAnyOf(" " + l.indices.alerts() + ":",
            " " + l.indices.alertRevisions() + ":")
        .contains("failed to parse field [reportId] of type [keyword]").contains("immense term")
        .doesNotContain("PNC-1999").doesNotContain("xxxxxxxx");
    assertThat(refused.getRule()).isEqualTo("document_parsing_exception");
    DeadLetter poison = letters.stream().map(ConsumerRecord::value)
        .filter(d -> l.sources.lineage().equals(d.getSourceTopic())).findFirst().orElseThrow();
    assertThat(poison.getRule()).isEqualTo("bad-magic-byte");
    assertThat(poison.getSourceOffset()).isEqualTo(pill.offset());
    assertThat(poison.toString()).doesNotContain("PNC-1999");
  }

  @Test
  void theHighestRevisionOfAnAlertStaysWhateverTheArrivalOrderAndEveryRevisionIsKeptAsHistory() throws Exception {
    Landing l = landing();
    Alert first = Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "kent", "rev-e-1", "rev-p", "KENT-R-OLD",
        T0, 900L, Phase.WHILE_CASE_OPEN, Offence.ROBBERY);
    Alert second = Samples.revision(first, 2);
    second.setReportId("KENT-R-NEWER");
    Alert third = Samples.revision(first, 3);
    third.setRule(Rule.SHARED_AT_REPORT);
    third.setReportId("KENT-R-NEWEST");
    third.setDelayHours(null);
    third.setPhase(null);
    third.setSeverity(Severity.CRITICAL);
    // One key, so one partition: delivered exactly in this order, then revision 1 replayed after 3.
    l.send(l.sources.alerts(), List.of(first, third, second, first), a -> "kent");
    try (IndexerService indexer = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
      assertThat(indexer.stats().indexed()).as("older revisions arriving late count as already indexed").isEqualTo(4);
      assertThat(indexer.stats().deadLettered()).isZero();
    }
    assertThat(l.count(l.indices.alerts())).isEqualTo(1);
    var stored = l.es().get(g -> g.index(l.indices.alerts()).id(first.getAlertId()), ObjectNode.class);
    assertThat(stored.version()).as("the external version is the revision").isEqualTo(3L);
    ObjectNode latest = stored.source();
    assertThat(latest.get("revision").asInt()).isEqualTo(3);
    assertThat(latest.get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
    assertThat(latest.get("reportId").asText()).isEqualTo("KENT-R-NEWEST");
    assertThat(latest.has("delayHours")).isFalse();
    assertThat(latest.get("withdrawn").asBoolean()).isFalse();

    assertThat(l.count(l.indices.alertRevisions())).isEqualTo(3);
    for (Alert r : List.of(first, second, third)) {
      ObjectNode entry = l.es().get(g -> g.index(l.indices.alertRevisions())
          .id(first.getAlertId() + "|" + r.getRevision()), ObjectNode.class).source();
      assertThat(entry).as("revision " + r.getRevision()).isNotNull();
      assertThat(entry.get("reportId").asText()).isEqualTo(r.getReportId());
      assertThat(entry.get("rule").asText()).isEqualTo(r.getRule().name());
    }
  }

  @Test
  void aWithdrawingRevisionReplacesTheAlertAndAnOlderReplayDoesNotBringItBack() throws Exception {
    Landing l = landing();
    Alert deferral = Samples.alert(Rule.SYSTEMATIC_DEFERRAL, Severity.MEDIUM, "essex", "wd-e-5", null, null, T0,
        null, null, null);
    Alert withdrawn = Samples.revision(deferral, 2);
    withdrawn.setWithdrawn(true);
    l.send(l.sources.alerts(), List.of(withdrawn, deferral), a -> "essex");
    try (IndexerService indexer = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
      assertThat(indexer.stats().deadLettered()).isZero();
    }
    ObjectNode stored = l.es().get(g -> g.index(l.indices.alerts()).id(deferral.getAlertId()), ObjectNode.class)
        .source();
    assertThat(stored.get("revision").asInt()).isEqualTo(2);
    assertThat(stored.get("withdrawn").asBoolean()).isTrue();
    assertThat(l.count(l.indices.alertRevisions())).as("both revisions in the history").isEqualTo(2);
  }

  @Test
  void theLatestMetricsOfAForceDayWinWhateverTheWritesInterleave() throws Exception {
    Landing l = landing();
    LocalDate day = LocalDate.parse("2026-05-01");
    List<ForceDayMetrics> updates = new ArrayList<>();
    for (long n = 1; n <= 30; n++) {
      updates.add(Samples.metrics("kent", day, n, n, 0));
      updates.add(Samples.metrics("essex", day, n * 10, n, 0));
    }
    l.send(l.sources.metrics(), updates, m -> m.getForce() + "|" + m.getDay());
    try (IndexerService indexer = l.startIndexer()) {
      await().atMost(WAIT).until(() -> l.lag() == 0);
    }
    assertThat(l.count(l.indices.metrics())).isEqualTo(2);
    ObjectNode kent = l.es().get(g -> g.index(l.indices.metrics()).id("kent|2026-05-01"), ObjectNode.class).source();
    assertThat(kent.get("crimeReports").asLong()).isEqualTo(30);
    ObjectNode essex = l.es().get(g -> g.index(l.indices.metrics()).id("essex|2026-05-01"), ObjectNode.class).source();
    assertThat(essex.get("crimeReports").asLong()).isEqualTo(300);
    Set<String> forces = l.readAll(l.sources.metrics(), ForceDayMetrics.class).stream()
        .map(r -> r.value().getForce()).collect(Collectors.toSet());
    assertThat(forces).containsExactlyInAnyOrder("kent", "essex");
  }
}
