package org.safehaven.indexer.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.testkit.Records;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Rule;

class DocumentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Documents docs = new Documents(new IndexNames("t1"));

  @Test
  void alertDocumentHasTheAlertIdAsIdAndTheShapeUsersSee() throws Exception {
    IndexDocument d = docs.alert(Records.delayedSharing("a-1", "kent"));
    assertThat(d.index()).isEqualTo("t1-alerts");
    assertThat(d.id()).isEqualTo("a-1");
    JsonNode j = JSON.readTree(d.source());
    assertThat(j.get("revision").asInt()).isEqualTo(1);
    assertThat(j.get("withdrawn").asBoolean()).isFalse();
    assertThat(j.get("rule").asText()).isEqualTo("DELAYED_SHARING");
    assertThat(j.get("eventTime").asText()).isEqualTo("2026-06-20T10:00:00Z");
    assertThat(j.get("detectedAt").asText()).isEqualTo("2026-06-20T10:00:00.412Z");
    assertThat(j.get("delayHours").asLong()).isEqualTo(1174);
    assertThat(j.get("phase").asText()).isEqualTo("AFTER_CASE_CLOSED");
    assertThat(j.get("recipient").asText()).isEqualTo("IMMIGRATION_ENFORCEMENT");
  }

  @Test
  void anAlertIsVersionedByItsRevisionSoTheHighestRevisionStaysWhateverTheArrivalOrder() {
    Alert third = Records.delayedSharing("a-1", "kent");
    third.setRevision(3);
    IndexDocument d = docs.alert(third);
    assertThat(d.id()).as("every revision overwrites the one alert document").isEqualTo("a-1");
    assertThat(d.versioned()).isTrue();
    assertThat(d.externalVersion()).isEqualTo(3L);
  }

  @Test
  void everyRevisionIsAlsoKeptInTheHistoryIndexUnderItsOwnId() throws Exception {
    Alert second = Records.delayedSharing("a-1", "kent");
    second.setRevision(2);
    second.setRule(Rule.SHARED_AT_REPORT);
    List<IndexDocument> both = docs.alertDocuments(second);
    assertThat(both).extracting(IndexDocument::index).containsExactly("t1-alerts", "t1-alert-revisions");
    IndexDocument history = both.get(1);
    assertThat(history.id()).isEqualTo("a-1|2").isEqualTo(Documents.revisionId("a-1", 2));
    assertThat(history.versioned()).as("a revision's entry never changes").isFalse();
    assertThat(history.source()).isEqualTo(both.get(0).source());
    JsonNode j = JSON.readTree(history.source());
    assertThat(j.get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
    assertThat(j.get("revision").asInt()).isEqualTo(2);
  }

  @Test
  void aWithdrawingRevisionSaysSoInItsDocument() throws Exception {
    Alert withdrawn = Records.delayedSharing("a-1", "kent");
    withdrawn.setRevision(2);
    withdrawn.setWithdrawn(true);
    assertThat(JSON.readTree(docs.alert(withdrawn).source()).get("withdrawn").asBoolean()).isTrue();
  }

  @Test
  void aRevisionBelowOneIsRefusedRatherThanStoredUnderAVersionThatHidesCorrections() {
    Alert bad = Records.delayedSharing("a-1", "kent");
    bad.setRevision(0);
    assertThatThrownBy(() -> docs.alertDocuments(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameRecordAlwaysGivesTheSameIdAndBytes() {
    IndexDocument a = docs.alert(Records.delayedSharing("a-1", "kent"));
    IndexDocument b = docs.alert(Records.delayedSharing("a-1", "kent"));
    assertThat(a.id()).isEqualTo(b.id());
    assertThat(a.source()).isEqualTo(b.source());
    IndexDocument m1 = docs.metrics(Records.metrics("kent", LocalDate.parse("2026-05-01")), 7);
    IndexDocument m2 = docs.metrics(Records.metrics("kent", LocalDate.parse("2026-05-01")), 7);
    assertThat(m1.source()).isEqualTo(m2.source());
  }

  @Test
  void nullFieldsAreLeftOutOfTheDocument() throws Exception {
    var alert = Records.delayedSharing("a-2", "kent");
    alert.setPersonRef(null);
    alert.setDelayHours(null);
    alert.setPhase(null);
    JsonNode j = JSON.readTree(docs.alert(alert).source());
    assertThat(j.has("personRef")).isFalse();
    assertThat(j.has("delayHours")).isFalse();
    assertThat(j.has("phase")).isFalse();
  }

  @Test
  void lineageDocumentIsKeyedByEventIdAndCountsUnderTheOffenceOfTheReportItNames() throws Exception {
    Instant older = Instant.parse("2025-01-01T00:00:00Z");
    Instant newer = Instant.parse("2026-01-01T00:00:00Z");
    var roles = List.of(Records.victimRole("R-OLD", Offence.SEXUAL_OFFENCE, older),
        Records.victimRole("R-NEW", Offence.ROBBERY, newer));
    IndexDocument named = docs.lineage(Records.disclosure("e-9", roles, "R-OLD"));
    assertThat(named.id()).isEqualTo("e-9");
    assertThat(named.index()).isEqualTo("t1-lineage");
    JsonNode j = JSON.readTree(named.source());
    assertThat(j.get("offence").asText()).isEqualTo("SEXUAL_OFFENCE");
    assertThat(j.get("protected").asBoolean()).isTrue();
    assertThat(j.get("protectedRoles")).hasSize(2);
    assertThat(j.get("protectedRoles").get(0).get("caseStatus").asText()).isEqualTo("CLOSED");

    JsonNode unnamed = JSON.readTree(docs.lineage(Records.disclosure("e-10", roles, null)).source());
    assertThat(unnamed.get("offence").asText()).as("the most recent protected role").isEqualTo("ROBBERY");
  }

  @Test
  void lineageWithoutProtectedRolesHasNoOffence() throws Exception {
    JsonNode j = JSON.readTree(docs.lineage(Records.disclosure("e-11", List.of(), "R-X")).source());
    assertThat(j.has("offence")).isFalse();
    assertThat(j.get("protected").asBoolean()).isFalse();
  }

  @Test
  void metricsDocumentIsKeyedByForceAndDayAndVersionedByOffset() throws Exception {
    IndexDocument d = docs.metrics(Records.metrics("kent", LocalDate.parse("2026-05-01")), 42);
    assertThat(d.id()).isEqualTo("kent|2026-05-01");
    assertThat(d.externalVersion()).isEqualTo(42L);
    assertThat(d.versioned()).isTrue();
    JsonNode j = JSON.readTree(d.source());
    assertThat(j.get("day").asText()).isEqualTo("2026-05-01");
    assertThat(j.get("disclosuresByRecipient").get("CPS").asLong()).isEqualTo(14);
  }

  @Test
  void reportsAndCaseStatusesShareTheReportsIndexTellingTheirKindApart() throws Exception {
    IndexDocument r = docs.report(Records.report("e-1", "KENT-1"));
    IndexDocument c = docs.caseStatus(Records.caseStatus("e-4", "KENT-1"));
    assertThat(r.index()).isEqualTo("t1-reports").isEqualTo(c.index());
    assertThat(r.id()).isEqualTo("e-1");
    assertThat(c.id()).isEqualTo("e-4");
    JsonNode rj = JSON.readTree(r.source());
    assertThat(rj.get("kind").asText()).isEqualTo("REPORT");
    assertThat(rj.get("eventTime").asText()).isEqualTo("2026-05-01T12:00:00Z");
    assertThat(rj.get("persons").get(1).get("role").asText()).isEqualTo("SUSPECT");
    JsonNode cj = JSON.readTree(c.source());
    assertThat(cj.get("kind").asText()).isEqualTo("CASE_STATUS");
    assertThat(cj.get("status").asText()).isEqualTo("CLOSED");
  }
}
