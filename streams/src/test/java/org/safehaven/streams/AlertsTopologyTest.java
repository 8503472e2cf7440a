package org.safehaven.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.streams.Harness.T0;
import static org.safehaven.streams.Harness.as;
import static org.safehaven.streams.Harness.person;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RejectionStage;
import org.safehaven.streams.roles.ReportRolesProcessor;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;
import org.safehaven.core.alert.AlertIds;

/**
 * The engine around the rule kernel: what arrives when, what is kept, what is written. The rules' own edge
 * cases (window ends, lookback, named report, severity, mixed roles, phases) are the kernel's tests
 * ({@code org.safehaven.rules}); the few rule outcomes here are only the vehicle for the engine's behaviour.
 */
class AlertsTopologyTest {

  private static final String VICTIM = person("victim-1");
  private static final String SUSPECT = person("suspect-1");
  private static final Duration H72 = Duration.ofHours(72);

  // ------------------------------------------------------------------ PNC_IMMIGRATION_CHECK

  @Test
  void immigrationStatusQueryOnVictimRaisesHighAlertOwnedByTheQueryingForce() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM), as(SUSPECT, Role.SUSPECT));
      h.query("q1", "essex", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(2)));

      List<Alert> alerts = h.alerts();
      assertThat(alerts).hasSize(1);
      Alert a = alerts.get(0);
      assertThat(a.getRule()).isEqualTo(Rule.PNC_IMMIGRATION_CHECK);
      assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(a.getForce()).isEqualTo("essex");
      assertThat(a.getReportId()).isEqualTo("KENT-1");
      assertThat(a.getTriggeringEventId()).isEqualTo("q1");
      assertThat(a.getAlertId()).isEqualTo(AlertIds.of(Rule.PNC_IMMIGRATION_CHECK, "essex", "q1"));
      assertThat(a.getPersonRef()).isEqualTo(VICTIM);
      assertThat(a.getMixedRoles()).isFalse();
      assertThat(a.getOffence()).isEqualTo(Offence.ROBBERY);
      assertThat(a.getEventTime()).isEqualTo(T0.plus(Duration.ofHours(2)));
      assertThat(a.getPolicyVersion()).isEqualTo("test-1");
    }
  }

  @Test
  void alertTopicIsKeyedByTheForceThatOwnsTheAlert() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.WITNESS));
      h.query("q1", "essex", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plusSeconds(60));
      assertThat(h.alerts.readKeyValuesToList()).singleElement().satisfies(kv -> assertThat(kv.key).isEqualTo("essex"));
    }
  }

  @Test
  void suspectOnlyPersonRaisesNothingButTheFlowIsInTheLineage() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(SUSPECT, Role.SUSPECT));
      h.report("r2", "kent", "KENT-2", T0, Offence.THEFT, as(SUSPECT, Role.OFFENDER));
      h.query("q1", "kent", SUSPECT, PncReason.IMMIGRATION_STATUS, T0.plusSeconds(60));
      h.disclose("d1", "kent", SUSPECT, Recipient.IMMIGRATION_ENFORCEMENT, T0.plusSeconds(120));

      assertThat(h.alerts()).isEmpty();
      List<LineageRecord> lineage = h.lineage.readValuesToList();
      assertThat(lineage).extracting(LineageRecord::getEventId).containsExactly("q1", "d1");
      assertThat(lineage).allSatisfy(l -> {
        assertThat(l.getProtectedRoles()).isEmpty();
        assertThat(l.getMixedRoles()).isFalse();
      });
    }
  }

  // ------------------------------------------------------------------ SHARED_AT_REPORT

  @Test
  void disclosureToImmigrationWithinTheImmediateWindowIsSharedAtReport() {
    try (Harness h = new Harness()) {
      for (Recipient r : List.of(Recipient.IMMIGRATION_ENFORCEMENT, Recipient.BORDER_FORCE,
          Recipient.UK_VISAS_AND_IMMIGRATION)) {
        String v = person(r.name());
        h.report("r-" + r, "kent", "KENT-" + r, T0, Offence.ROBBERY, as(v, Role.VICTIM));
        h.disclose("d-" + r, "kent", v, r, T0.plus(Duration.ofHours(5)).plusSeconds(59));
        assertThat(h.alerts()).as(r.name()).singleElement().satisfies(a -> {
          assertThat(a.getRule()).isEqualTo(Rule.SHARED_AT_REPORT);
          assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
          assertThat(a.getRecipient()).isEqualTo(r);
          assertThat(a.getChannel()).isEqualTo(org.safehaven.schema.Channel.NCCU_PHONE);
          assertThat(a.getDelayHours()).isEqualTo(5L);
          assertThat(a.getReportId()).isEqualTo("KENT-" + r);
        });
      }
    }
  }

  @Test
  void disclosureToANonImmigrationRecipientRaisesNothingButIsLineageOfAVictim() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.disclose("d1", "kent", VICTIM, Recipient.SOCIAL_SERVICES, T0.plusSeconds(10));
      h.disclose("d2", "kent", person("nobody"), Recipient.SOCIAL_SERVICES, T0.plusSeconds(10));
      assertThat(h.alerts()).isEmpty();
      assertThat(h.lineage.readValuesToList()).extracting(LineageRecord::getEventId).containsExactly("d1");
    }
  }

  @Test
  void immigrationFlowsAboutUnknownPersonsAreLineageWithoutAlert() {
    try (Harness h = new Harness()) {
      String stranger = person("stranger");
      h.query("q1", "kent", stranger, PncReason.IMMIGRATION_STATUS, T0);
      h.query("q2", "kent", stranger, PncReason.STOP, T0);
      h.disclose("d1", "kent", stranger, Recipient.BORDER_FORCE, T0);
      assertThat(h.alerts()).isEmpty();
      assertThat(h.lineage.readValuesToList()).extracting(LineageRecord::getEventId).containsExactly("q1", "d1");
    }
  }

  // ------------------------------------------------------------------ event time, any arrival order

  @Test
  void disclosureArrivingBeforeItsReportRaisesItsAlertWhenTheReportArrives() {
    try (Harness h = new Harness()) {
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plus(Duration.ofHours(3)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(4)));
      assertThat(h.alerts()).isEmpty();
      List<LineageRecord> before = h.lineage.readValuesToList();
      assertThat(before).allSatisfy(l -> assertThat(l.getProtectedRoles()).isEmpty());

      h.report("r1", "kent", "KENT-1", T0, Offence.DOMESTIC_ABUSE, as(VICTIM, Role.VICTIM));

      assertThat(h.alerts()).extracting(Alert::getRule, Alert::getTriggeringEventId, Alert::getSeverity)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Rule.SHARED_AT_REPORT, "d1", Severity.CRITICAL),
              org.assertj.core.groups.Tuple.tuple(Rule.PNC_IMMIGRATION_CHECK, "q1", Severity.CRITICAL));
      // The lineage of both flows is written again with the role they now carry.
      assertThat(h.lineage.readValuesToList()).extracting(LineageRecord::getEventId).containsExactlyInAnyOrder("d1", "q1")
          .hasSize(2);
    }
  }

  @Test
  void reportArrivingLateWithinTheLatenessIsHonoured() {
    try (Harness h = new Harness()) {
      // Stream time moves 20h past the disclosure before the report of 2h before it arrives.
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plus(Duration.ofHours(2)));
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofHours(22)));
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("d1");
    }
  }

  @Test
  void flowArrivingLateWithinTheLatenessIsHonoured() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofHours(25)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(1)));
      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("q1");
      assertThat(h.deadLetters.readValuesToList()).isEmpty();
    }
  }

  @Test
  void aFlowArrivingFarBeyondTheLatenessIsStillDecidedExactly() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      // A month of other traffic later, last month's batch arrives: lateness describes disorder, not age.
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofDays(30)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(5)));
      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("q1");
      assertThat(h.deadLetters.readValuesToList()).isEmpty();
    }
  }

  @Test
  void aReportOfLastMonthArrivingAfterItsFlowsRaisesEveryAlertTheyCallFor() {
    try (Harness h = new Harness()) {
      h.disclose("d1", "essex", VICTIM, Recipient.BORDER_FORCE, T0.plus(Duration.ofHours(5)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofDays(10)));
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofDays(40)));
      assertThat(h.alerts()).isEmpty();
      // The backfill: another force's report of a month and more ago.
      h.report("r1", "kent", "KENT-1", T0, Offence.SEXUAL_OFFENCE, as(VICTIM, Role.VICTIM));
      assertThat(h.alerts()).extracting(Alert::getRule, Alert::getTriggeringEventId, Alert::getForce,
              Alert::getReportId, Alert::getSeverity)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Rule.SHARED_AT_REPORT, "d1", "essex", "KENT-1", Severity.CRITICAL),
              org.assertj.core.groups.Tuple.tuple(Rule.PNC_IMMIGRATION_CHECK, "q1", "kent", "KENT-1", Severity.CRITICAL));
    }
  }

  @Test
  void aFlowMoreThanTheHorizonBehindTheNewestEventIsCountedAndDeadLetteredNotSilentlyLost() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofDays(740)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofDays(9)));

      assertThat(h.alerts()).isEmpty();
      assertThat(h.deadLetters.readKeyValuesToList()).singleElement().satisfies(kv -> {
        assertThat(kv.key).isEqualTo("kent");
        DeadLetter d = kv.value;
        assertThat(d.getStage()).isEqualTo(RejectionStage.STREAMS);
        assertThat(d.getRule()).isEqualTo("beyond-horizon");
        assertThat(d.getEventId()).isEqualTo("q1");
        assertThat(d.getSourceTopic()).isEqualTo(Topics.PNC_QUERIES.name());
        assertThat(d.getSourceOffset()).isNotNull();
        assertThat(d.getReason()).doesNotContain(VICTIM);
      });
      assertThat(metricTotal(h, "beyond-horizon-flows-total")).isEqualTo(1.0);
    }
  }

  @Test
  void flowExactlyAtTheLatenessBoundIsHonoured() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.query("q0", "kent", person("other"), PncReason.STOP, T0.plus(Duration.ofHours(30)));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(6)));
      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("q1");
    }
  }

  @Test
  void anyArrivalOrderWithinTheLatenessGivesTheSameAlerts() {
    // Twelve shuffles of one scenario, each about its own persons and reports (suffix "/n"), in one driver.
    List<List<String>> results = new ArrayList<>();
    try (Harness h = new Harness()) {
      for (int n = 0; n < 12; n++) {
        String x = "/" + n;
        String victim = person("victim" + x);
        String suspect = person("suspect" + x);
        String v2 = person("victim-2" + x);
        String w = person("witness-3" + x);
        List<Runnable> events = new ArrayList<>();
        events.add(() -> h.report("r1" + x, "kent", "KENT-1" + x, T0, Offence.DOMESTIC_ABUSE, as(victim, Role.VICTIM),
            as(suspect, Role.SUSPECT)));
        events.add(() -> h.report("r2" + x, "essex", "ESSEX-2" + x, T0.plus(Duration.ofHours(1)), Offence.THEFT,
            as(v2, Role.WITNESS), as(w, Role.WITNESS)));
        events.add(() -> h.status("s1" + x, "kent", "KENT-1" + x, CaseStatusValue.CLOSED, T0.plus(Duration.ofHours(5))));
        events.add(() -> h.query("q1" + x, "kent", victim, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(2))));
        events.add(() -> h.query("q2" + x, "kent", suspect, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(2))));
        events.add(() -> h.disclose("d1" + x, "essex", v2, Recipient.BORDER_FORCE, T0.plus(Duration.ofHours(6))));
        events.add(() -> h.disclose("d2" + x, "kent", victim, Recipient.IMMIGRATION_ENFORCEMENT,
            T0.plus(Duration.ofHours(8))));
        events.add(() -> h.disclose("d3" + x, "kent", w, Recipient.HEALTH, T0.plus(Duration.ofHours(9))));
        events.add(() -> h.query("q3" + x, "kent", w, PncReason.IMMIGRATION_STATUS, T0.minus(Duration.ofHours(1))));
        Collections.shuffle(events, new Random(n));
        events.forEach(Runnable::run);
        results.add(h.alerts().stream()
            .map(a -> a.getRule() + "/" + a.getTriggeringEventId().replace(x, "") + "/" + a.getSeverity() + "/"
                + a.getReportId().replace(x, "") + "/" + a.getMixedRoles())
            .sorted().collect(Collectors.toList()));
      }
    }
    assertThat(results.get(0)).containsExactly(
        "PNC_IMMIGRATION_CHECK/q1/CRITICAL/KENT-1/false",
        "SHARED_AT_REPORT/d1/HIGH/ESSEX-2/false",
        "SHARED_AT_REPORT/d2/CRITICAL/KENT-1/false");
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
  }

  // ------------------------------------------------------------------ exactly once

  @Test
  void theSameEventTwiceRaisesOneAlertAndOneLineageRecord() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plusSeconds(60));
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plusSeconds(60));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plusSeconds(70));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plusSeconds(70));
      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("d1", "q1");
      assertThat(h.lineage.readValuesToList()).extracting(LineageRecord::getEventId).containsExactly("d1", "q1");
      assertThat(h.personRoles.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void aMoreRecentReportArrivingLaterCorrectsTheAlertUnderItsIdAsTheNextRevision() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plus(Duration.ofHours(2)));
      // Later in arrival, earlier in event time than the query: the alert must name it, once.
      h.report("r2", "kent", "KENT-2", T0.plus(Duration.ofHours(1)), Offence.DOMESTIC_ABUSE, as(VICTIM, Role.WITNESS));
      List<Alert> written = h.alerts();
      assertThat(written).extracting(Alert::getAlertId).containsOnly(written.get(0).getAlertId());
      assertThat(written).extracting(Alert::getRevision, Alert::getReportId, Alert::getSeverity).containsExactly(
          org.assertj.core.groups.Tuple.tuple(1, "KENT-1", Severity.HIGH),
          org.assertj.core.groups.Tuple.tuple(2, "KENT-2", Severity.CRITICAL));
      assertThat(h.latestAlerts()).singleElement().satisfies(a -> assertThat(a.getReportId()).isEqualTo("KENT-2"));
      // The same report again changes nothing.
      h.report("r2", "kent", "KENT-2", T0.plus(Duration.ofHours(1)), Offence.DOMESTIC_ABUSE, as(VICTIM, Role.WITNESS));
      assertThat(h.alerts()).isEmpty();
    }
  }

  @Test
  void aCloserReportArrivingLaterTurnsDelayedSharingIntoSharingAtReportUnderTheSameAlertId() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plus(Duration.ofDays(10)));
      h.report("r2", "kent", "KENT-2", T0.plus(Duration.ofDays(9)), Offence.THEFT, as(VICTIM, Role.WITNESS));
      assertThat(h.alerts()).extracting(Alert::getRule, Alert::getRevision, Alert::getAlertId).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Rule.DELAYED_SHARING, 1, AlertIds.of(Rule.DELAYED_SHARING, "kent", "d1")),
          org.assertj.core.groups.Tuple.tuple(Rule.SHARED_AT_REPORT, 2, AlertIds.of(Rule.DELAYED_SHARING, "kent", "d1")));
    }
  }

  @Test
  void aCaseClosedBeforeTheDisclosureButReportedAfterItCorrectsThePhase() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.disclose("d1", "kent", VICTIM, Recipient.IMMIGRATION_ENFORCEMENT, T0.plus(Duration.ofDays(10)));
      h.status("s1", "kent", "KENT-1", CaseStatusValue.CLOSED, T0.plus(Duration.ofDays(8)));
      // A later status change after the disclosure changes nothing about it.
      h.status("s2", "kent", "KENT-1", CaseStatusValue.UNDER_INVESTIGATION, T0.plus(Duration.ofDays(12)));
      assertThat(h.alerts()).extracting(Alert::getRevision, Alert::getPhase, Alert::getSeverity).containsExactly(
          org.assertj.core.groups.Tuple.tuple(1, org.safehaven.schema.Phase.WHILE_CASE_OPEN, Severity.HIGH),
          org.assertj.core.groups.Tuple.tuple(2, org.safehaven.schema.Phase.AFTER_CASE_CLOSED, Severity.MEDIUM));
    }
  }

  @Test
  void aSystematicDeferralPatternIsRaisedOnceAndMovesWhenAnEarlierDisclosureArrivesLate() {
    try (Harness h = new Harness()) {
      // Six victims, each closed a day after the report; delayed disclosures 5 days after closure.
      for (int i = 0; i < 6; i++) {
        String v = person("deferral-" + i);
        Instant reported = T0.plus(Duration.ofDays(10L * i));
        h.report("dr" + i, "kent", "KENT-D" + i, reported, Offence.ROBBERY, as(v, Role.VICTIM));
        h.status("ds" + i, "kent", "KENT-D" + i, CaseStatusValue.CLOSED, reported.plus(Duration.ofDays(1)));
      }
      for (int i = 1; i < 6; i++) {
        h.disclose("dd" + i, "kent", person("deferral-" + i), Recipient.IMMIGRATION_ENFORCEMENT,
            T0.plus(Duration.ofDays(10L * i + 6)));
      }
      List<Alert> first = h.alerts().stream().filter(a -> a.getRule() == Rule.SYSTEMATIC_DEFERRAL).toList();
      assertThat(first).singleElement().satisfies(a -> {
        assertThat(a.getTriggeringEventId()).isEqualTo("dd5");
        assertThat(a.getWindowDisclosures()).isEqualTo(5);
      });
      // The earliest disclosure arrives last: the pattern is now complete at dd4, and dd5's is withdrawn.
      h.disclose("dd0", "kent", person("deferral-0"), Recipient.IMMIGRATION_ENFORCEMENT, T0.plus(Duration.ofDays(6)));
      List<Alert> latest = h.latestAlerts().stream().filter(a -> a.getRule() == Rule.SYSTEMATIC_DEFERRAL).toList();
      assertThat(latest).singleElement().satisfies(a -> {
        assertThat(a.getTriggeringEventId()).isEqualTo("dd4");
        assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.getPersonRef()).isNull();
      });
    }
  }

  // ------------------------------------------------------------------ roles table

  @Test
  void personRolesTableCarriesEveryRoleWithItsCurrentCaseStatus() {
    try (Harness h = new Harness()) {
      // The status arrives before its report and is applied when the report comes.
      h.status("s1", "kent", "KENT-1", CaseStatusValue.UNDER_INVESTIGATION, T0.plusSeconds(30));
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM), as(SUSPECT, Role.SUSPECT));
      h.status("s2", "kent", "KENT-1", CaseStatusValue.CLOSED, T0.plus(Duration.ofDays(3)));
      // An older status arriving late never overwrites a newer one.
      h.status("s0", "kent", "KENT-1", CaseStatusValue.OPEN, T0.plusSeconds(1));

      List<org.apache.kafka.streams.test.TestRecord<String, PersonRoles>> table = h.personRoles.readRecordsToList();
      PersonRoles last = table.stream().filter(r -> r.key().equals(VICTIM)).reduce((a, b) -> b).orElseThrow().value();
      assertThat(last.getRoles()).singleElement().satisfies(r -> {
        assertThat(r.getRole()).isEqualTo(Role.VICTIM);
        assertThat(r.getReportId()).isEqualTo("KENT-1");
        assertThat(r.getForce()).isEqualTo("kent");
        assertThat(r.getOffence()).isEqualTo(Offence.ROBBERY);
        assertThat(r.getReportedAt()).isEqualTo(T0);
        assertThat(r.getCaseStatus()).isEqualTo(CaseStatusValue.CLOSED);
        assertThat(r.getCaseStatusChangedAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
      });
      KeyValueStore<String, PersonRoles> store = h.driver.getKeyValueStore(StoreNames.PERSON_ROLES);
      assertThat(store.get(SUSPECT).getRoles()).extracting(r -> r.getRole()).containsExactly(Role.SUSPECT);
    }
  }

  // ------------------------------------------------------------------ bounded state

  @Test
  void heldFlowsAreDroppedOnceStreamTimePassesTheLatenessAndABucket() {
    try (Harness h = new Harness(org.safehaven.core.policy.Policy.defaults("test-1"),
        AlertsTopology.StateKind.PERSISTENT)) {
      h.query("q1", "kent", VICTIM, PncReason.STOP, T0);
      WindowStore<String, LineageRecord> flows = h.driver.getWindowStore(StoreNames.FLOWS);
      assertThat(count(flows)).isEqualTo(1);
      // Exactly the lateness later q1 may still be re-evaluated by a report arriving now: it is still held.
      h.query("q2", "kent", person("later"), PncReason.STOP, T0.plus(Duration.ofHours(24)));
      assertThat(count(flows)).isEqualTo(2);
      h.query("q3", "kent", person("later still"), PncReason.STOP, T0.plus(Duration.ofDays(3)));
      assertThat(count(flows)).isEqualTo(1);
    }
  }

  @Test
  void rolesArePurgedAfterTheLookbackAndTheTableGetsATombstone() {
    try (Harness h = new Harness()) {
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.personRoles.readRecordsToList();
      // Roles are kept while a flow within the horizon (the lookback) could meet them: two lookbacks.
      h.query("q1", "kent", person("later"), PncReason.STOP, T0.plus(Duration.ofDays(1462)));
      KeyValueStore<String, PersonRoles> store = h.driver.getKeyValueStore(StoreNames.PERSON_ROLES);
      // Expired, but kept until the sweep (wall-clock punctuation) passes: the rules check the lookback anyway.
      assertThat(store.get(VICTIM)).isNotNull();
      h.driver.advanceWallClockTime(ReportRolesProcessor.SWEEP_INTERVAL);
      assertThat(store.get(VICTIM)).isNull();
      assertThat(h.personRoles.readRecordsToList()).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo(VICTIM);
        assertThat(r.value()).isNull();
      });
      KeyValueStore<String, Object> reports = h.driver.getKeyValueStore(StoreNames.REPORTS);
      assertThat(reports.get("KENT-1")).isNull();
    }
  }

  // ------------------------------------------------------------------ poison pills

  @Test
  void undecodableBytesGoToTheDeadLettersWithTheirPositionAndProcessingContinues() {
    try (Harness h = new Harness()) {
      h.pipeBytes(Topics.DISCLOSURES.name(), VICTIM, "{\"personId\":\"PNC-1999/0123456A\"}".getBytes());
      byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987654).putInt(1).array();
      h.pipeBytes(Topics.PNC_QUERIES.name(), VICTIM, unknownId);
      h.pipeBytes(Topics.CRIME_REPORTS.name(), "KENT-1", new byte[] {0, 0});
      h.report("r1", "kent", "KENT-1", T0, Offence.ROBBERY, as(VICTIM, Role.VICTIM));
      h.query("q1", "kent", VICTIM, PncReason.IMMIGRATION_STATUS, T0.plusSeconds(60));

      assertThat(h.alerts()).extracting(Alert::getTriggeringEventId).containsExactly("q1");
      List<DeadLetter> letters = h.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getSourceTopic, DeadLetter::getRule, DeadLetter::getPayload)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Topics.DISCLOSURES.name(), "bad-magic-byte", "(undecodable: 32 bytes)"),
              org.assertj.core.groups.Tuple.tuple(Topics.PNC_QUERIES.name(), "unknown-schema-id", "(undecodable: 9 bytes)"),
              org.assertj.core.groups.Tuple.tuple(Topics.CRIME_REPORTS.name(), "too-short", "(undecodable: 2 bytes)"));
      assertThat(letters).allSatisfy(d -> {
        assertThat(d.getStage()).isEqualTo(RejectionStage.STREAMS);
        assertThat(d.getSourcePartition()).isEqualTo(0);
        assertThat(d.getSourceOffset()).isEqualTo(0L);
        assertThat(d.getReason()).doesNotContain("PNC-1999");
      });
    }
  }

  private static long count(WindowStore<String, LineageRecord> store) {
    long n = 0;
    try (var it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static double metricTotal(Harness h, String name) {
    double total = 0;
    for (var e : h.driver.metrics().entrySet()) {
      MetricName m = e.getKey();
      Metric metric = e.getValue();
      if (m.name().equals(name)) {
        total += ((Number) metric.metricValue()).doubleValue();
      }
    }
    return total;
  }

  @SuppressWarnings("unused")
  private static Instant at(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }
}
