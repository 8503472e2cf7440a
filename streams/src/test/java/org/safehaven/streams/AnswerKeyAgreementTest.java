package org.safehaven.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.ingest.canonical.CanonicalRecord;

/**
 * The topology against the generator's answer key (computed independently by its ReferenceRules): a whole
 * test world, every edge case of the catalogue included, raises exactly the key's PNC_IMMIGRATION_CHECK and
 * SHARED_AT_REPORT alerts, field by field, once each.
 */
class AnswerKeyAgreementTest {

  @Test
  void aGeneratedTestWorldDeliveredOutOfOrderRaisesExactlyTheAnswerKeyOfAllFourRules(@TempDir Path dir) {
    // 250 days of the test profile (every edge case planted), delivered up to 20 h out of event-time order.
    GeneratedWorld world = GeneratedWorld.generate(dir, 11, "--days", "250", "--shuffle-hours", "20");
    assertThat(world.expectedAlerts()).hasSizeGreaterThan(20);
    try (Harness h = new Harness()) {
      world.records().forEach(r -> pipe(h, r));
      List<String> actual = h.latestAlerts().stream().map(GeneratedWorld::comparable).sorted().toList();
      assertThat(actual).containsExactlyElementsOf(world.expectedAlerts());
    }
  }

  @Test
  void theWholeWorldWithEveryFlowBeforeAnyReportRaisesExactlyTheSameKey(@TempDir Path dir) {
    // The adversarial order: every PNC query and disclosure first, then every report and case status, so that
    // each flow meets its roles only after the stream time has passed the end of the world.
    GeneratedWorld world = GeneratedWorld.generate(dir, 12, "--days", "250");
    try (Harness h = new Harness()) {
      world.records().stream().filter(r -> !isReportSide(r)).forEach(r -> pipe(h, r));
      world.records().stream().filter(AnswerKeyAgreementTest::isReportSide).forEach(r -> pipe(h, r));
      List<String> actual = h.latestAlerts().stream().map(GeneratedWorld::comparable).sorted().toList();
      assertThat(actual).containsExactlyElementsOf(world.expectedAlerts());
      assertThat(h.deadLetters.readValuesToList()).isEmpty();
    }
  }

  @Test
  void aReversedWorldRaisesExactlyTheSameKey(@TempDir Path dir) {
    GeneratedWorld world = GeneratedWorld.generate(dir, 13, "--days", "250");
    List<CanonicalRecord> reversed = new java.util.ArrayList<>(world.records());
    java.util.Collections.reverse(reversed);
    try (Harness h = new Harness()) {
      reversed.forEach(r -> pipe(h, r));
      List<String> actual = h.latestAlerts().stream().map(GeneratedWorld::comparable).sorted().toList();
      assertThat(actual).containsExactlyElementsOf(world.expectedAlerts());
    }
  }

  static boolean isReportSide(CanonicalRecord r) {
    return r.topic().name().equals("safehaven.crime-reports") || r.topic().name().equals("safehaven.case-status");
  }

  @SuppressWarnings("unchecked")
  static void pipe(Harness h, CanonicalRecord r) {
    TestInputTopic<String, SpecificRecord> in = h.driver.createInputTopic(r.topic().name(), new StringSerializer(),
        ((Serde<SpecificRecord>) (Serde<?>) serde(h, r)).serializer());
    in.pipeInput(r.key(), r.value());
  }

  private static Serde<?> serde(Harness h, CanonicalRecord r) {
    return switch (r.topic().name()) {
      case "safehaven.crime-reports" -> h.serdes.crimeReports();
      case "safehaven.case-status" -> h.serdes.caseStatus();
      case "safehaven.pnc-queries" -> h.serdes.pncQueries();
      case "safehaven.disclosures" -> h.serdes.disclosures();
      default -> throw new IllegalArgumentException(r.topic().name());
    };
  }
}
