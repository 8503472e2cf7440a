package org.safehaven.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** The specification's edge cases of the person rules, tested once, here. */
class PersonRulesTest {

  static final RuleSettings RULES = RuleSettings.of(Policy.defaults("test"));
  static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  static Grant grant(String reportId, Role role, Offence offence, long reportedAt) {
    return new Grant(reportId, role, offence, reportedAt);
  }

  static Flow disclosure(long at) {
    return Flow.disclosure("d-1", "essex", "ph_p", at, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
  }

  static Flow query(long at, PncReason reason) {
    return Flow.query("q-1", "essex", "ph_p", at, reason);
  }

  static Optional<Decision> decide(Flow f, List<Grant> grants, StatusChange... statuses) {
    return PersonRules.decide(f, grants, List.of(statuses), RULES);
  }

  @Test
  void aDisclosureExactlyAtTheEndOfTheImmediateWindowIsSharedAtReportAndOneMillisecondLaterDelayed() {
    List<Grant> g = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0));
    assertThat(decide(disclosure(T0 + 72 * HOUR), g)).hasValueSatisfying(d -> {
      assertThat(d.rule()).isEqualTo(Rule.SHARED_AT_REPORT);
      assertThat(d.delayHours()).isEqualTo(72L);
      assertThat(d.phase()).isNull();
      assertThat(d.severity()).isEqualTo(Severity.HIGH);
      assertThat(d.force()).isEqualTo("essex");
    });
    assertThat(decide(disclosure(T0 + 72 * HOUR + 1), g)).hasValueSatisfying(d -> {
      assertThat(d.rule()).isEqualTo(Rule.DELAYED_SHARING);
      assertThat(d.phase()).isEqualTo(Phase.WHILE_CASE_OPEN);
      assertThat(d.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void aRoleReportedExactlyTheLookbackBeforeStillCountsAndNotAMillisecondMore() {
    List<Grant> g = List.of(grant("R1", Role.WITNESS, Offence.ROBBERY, T0));
    long end = T0 + Duration.ofDays(730).toMillis();
    assertThat(decide(query(end, PncReason.IMMIGRATION_STATUS), g)).isPresent();
    assertThat(decide(query(end + 1, PncReason.IMMIGRATION_STATUS), g)).isEmpty();
  }

  @Test
  void aDisclosureBeforeTheReportIsNoBreachOfIt() {
    assertThat(decide(disclosure(T0 - 1), List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0)))).isEmpty();
    assertThat(decide(disclosure(T0), List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0)))).isPresent();
  }

  @Test
  void onlySuspectOffenderOrReportingPersonRolesTriggerNothing() {
    List<Grant> g = List.of(grant("R1", Role.SUSPECT, Offence.ROBBERY, T0),
        grant("R2", Role.OFFENDER, Offence.ROBBERY, T0), grant("R3", Role.REPORTING_PERSON, Offence.ROBBERY, T0));
    assertThat(decide(disclosure(T0 + HOUR), g)).isEmpty();
    assertThat(decide(query(T0 + HOUR, PncReason.IMMIGRATION_STATUS), g)).isEmpty();
  }

  @Test
  void aVictimWhoIsAlsoASuspectStillTriggersMarkedMixedRoles() {
    List<Grant> g = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0), grant("R2", Role.SUSPECT, Offence.THEFT, T0));
    assertThat(decide(disclosure(T0 + HOUR), g)).hasValueSatisfying(d -> assertThat(d.mixedRoles()).isTrue());
    // A suspect role reported after the flow does not count at it.
    List<Grant> later = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0),
        grant("R2", Role.SUSPECT, Offence.THEFT, T0 + 2 * HOUR));
    assertThat(decide(disclosure(T0 + HOUR), later)).hasValueSatisfying(d -> assertThat(d.mixedRoles()).isFalse());
  }

  @Test
  void criticalOffencesRaiseEveryRuleToCriticalEvenAfterClosure() {
    for (Offence o : List.of(Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY)) {
      List<Grant> g = List.of(grant("R1", Role.VICTIM, o, T0));
      StatusChange closed = new StatusChange("R1", "s-1", CaseStatusValue.CLOSED, T0 + DAY);
      assertThat(decide(disclosure(T0 + 10 * DAY), g, closed)).hasValueSatisfying(d -> {
        assertThat(d.rule()).isEqualTo(Rule.DELAYED_SHARING);
        assertThat(d.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
      });
      assertThat(decide(query(T0 + HOUR, PncReason.IMMIGRATION_STATUS), g).orElseThrow().severity())
          .isEqualTo(Severity.CRITICAL);
    }
  }

  @Test
  void theAlertNamesTheMostRecentReportBeforeTheEventFromAnyForceWithTiesToTheGreaterReportId() {
    Grant old = grant("KENT-1", Role.VICTIM, Offence.ROBBERY, T0);
    Grant recent = new Grant("ESSEX-9", Role.WITNESS, Offence.DOMESTIC_ABUSE, T0 + 5 * DAY);
    Grant after = grant("KENT-3", Role.VICTIM, Offence.THEFT, T0 + 20 * DAY);
    assertThat(decide(disclosure(T0 + 6 * DAY), List.of(old, recent, after))).hasValueSatisfying(d -> {
      assertThat(d.reportId()).isEqualTo("ESSEX-9");
      assertThat(d.rule()).isEqualTo(Rule.SHARED_AT_REPORT);
      assertThat(d.delayHours()).isEqualTo(24L);
      assertThat(d.offence()).isEqualTo(Offence.DOMESTIC_ABUSE);
      assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
    });
    Grant tieA = grant("A", Role.VICTIM, Offence.ROBBERY, T0);
    Grant tieB = grant("B", Role.VICTIM, Offence.ROBBERY, T0);
    assertThat(decide(disclosure(T0 + HOUR), List.of(tieB, tieA)).orElseThrow().reportId()).isEqualTo("B");
    assertThat(decide(disclosure(T0 + HOUR), List.of(tieA, tieB)).orElseThrow().reportId()).isEqualTo("B");
  }

  @Test
  void thePhaseIsTheCaseStatusAtTheDisclosureNotTheLatestOne() {
    List<Grant> g = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0));
    StatusChange closed = new StatusChange("R1", "s-1", CaseStatusValue.CLOSED, T0 + 5 * DAY);
    StatusChange reopened = new StatusChange("R1", "s-2", CaseStatusValue.UNDER_INVESTIGATION, T0 + 20 * DAY);
    StatusChange otherReport = new StatusChange("R2", "s-3", CaseStatusValue.CLOSED, T0 + DAY);
    assertThat(decide(disclosure(T0 + 4 * DAY), g, closed, reopened, otherReport).orElseThrow().phase())
        .isEqualTo(Phase.WHILE_CASE_OPEN);
    assertThat(decide(disclosure(T0 + 10 * DAY), g, reopened, closed).orElseThrow()).satisfies(d -> {
      assertThat(d.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
      assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(d.soonAfterClosure()).isTrue();
    });
    assertThat(decide(disclosure(T0 + 25 * DAY), g, closed, reopened).orElseThrow().phase())
        .isEqualTo(Phase.WHILE_CASE_OPEN);
    // A status change exactly at the disclosure counts; CHARGED is not a closed status.
    assertThat(decide(disclosure(T0 + 5 * DAY), g, closed).orElseThrow().phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
    StatusChange charged = new StatusChange("R1", "s-4", CaseStatusValue.CHARGED, T0 + 5 * DAY);
    assertThat(decide(disclosure(T0 + 6 * DAY), g, charged).orElseThrow().phase()).isEqualTo(Phase.WHILE_CASE_OPEN);
  }

  @Test
  void soonAfterClosureEndsExactlyAtTheAfterClosureWindow() {
    List<Grant> g = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0));
    StatusChange closed = new StatusChange("R1", "s-1", CaseStatusValue.NO_FURTHER_ACTION, T0 + 5 * DAY);
    assertThat(decide(disclosure(T0 + 19 * DAY), g, closed).orElseThrow().soonAfterClosure()).isTrue();
    assertThat(decide(disclosure(T0 + 19 * DAY + 1), g, closed).orElseThrow().soonAfterClosure()).isFalse();
  }

  @Test
  void onlyImmigrationStatusChecksAndDisclosuresToImmigrationRecipientsAreCandidates() {
    List<Grant> g = List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0));
    for (PncReason r : PncReason.values()) {
      assertThat(decide(query(T0 + HOUR, r), g).isPresent()).as("%s", r).isEqualTo(r == PncReason.IMMIGRATION_STATUS);
    }
    for (Recipient r : Recipient.values()) {
      Flow f = Flow.disclosure("d", "kent", "ph_p", T0 + HOUR, r, Channel.LETTER);
      boolean immigration = r == Recipient.IMMIGRATION_ENFORCEMENT || r == Recipient.BORDER_FORCE
          || r == Recipient.UK_VISAS_AND_IMMIGRATION;
      assertThat(PersonRules.decide(f, g, List.of(), RULES).isPresent()).as("%s", r).isEqualTo(immigration);
      assertThat(PersonRules.isCandidate(f)).isEqualTo(immigration);
    }
  }

  @Test
  void theDecisionDoesNotDependOnTheOrderInWhichGrantsAndStatusesWereLearnt() {
    List<Grant> g = new ArrayList<>(List.of(grant("R1", Role.VICTIM, Offence.ROBBERY, T0),
        grant("R2", Role.WITNESS, Offence.THEFT, T0 + 10 * DAY), grant("R3", Role.SUSPECT, Offence.THEFT, T0 + DAY)));
    List<StatusChange> s = new ArrayList<>(List.of(new StatusChange("R2", "s-1", CaseStatusValue.CLOSED, T0 + 12 * DAY),
        new StatusChange("R2", "s-2", CaseStatusValue.OPEN, T0 + 12 * DAY)));
    Decision first = PersonRules.decide(disclosure(T0 + 20 * DAY), g, s, RULES).orElseThrow();
    java.util.Collections.reverse(g);
    java.util.Collections.reverse(s);
    assertThat(PersonRules.decide(disclosure(T0 + 20 * DAY), g, s, RULES)).contains(first);
    // Equal changedAt: the greater eventId wins (s-2: OPEN).
    assertThat(first.phase()).isEqualTo(Phase.WHILE_CASE_OPEN);
    assertThat(first.reportId()).isEqualTo("R2");
    assertThat(first.mixedRoles()).isTrue();
  }
}
