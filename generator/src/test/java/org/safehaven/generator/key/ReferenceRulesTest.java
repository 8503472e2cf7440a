package org.safehaven.generator.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.safehaven.core.policy.Policy;
import org.safehaven.generator.key.KeyEvent.Check;
import org.safehaven.generator.key.KeyEvent.Disclosed;
import org.safehaven.generator.key.KeyEvent.Person;
import org.safehaven.generator.key.KeyEvent.Report;
import org.safehaven.generator.key.KeyEvent.StatusChange;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

class ReferenceRulesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final String V = "PNC-1999/0123456A";
  private final ReferenceRules rules = new ReferenceRules(Policy.defaults("t"));

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  private static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  private static Duration d(long days) {
    return Duration.ofDays(days);
  }

  private static Report report(String eventId, String force, String reportId, Instant at, Offence o, Person... ps) {
    return new Report(eventId, force, reportId, at, o, List.of(ps));
  }

  private static Report victimReport(String reportId, Instant at, Offence o) {
    return report("r-" + reportId, "kent", reportId, at, o, new Person(V, Role.VICTIM));
  }

  private static Check check(String eventId, String force, Instant at, String person) {
    return new Check(eventId, force, at, person, PncReason.IMMIGRATION_STATUS);
  }

  private static Disclosed disclose(String eventId, String force, Instant at, String person) {
    return new Disclosed(eventId, force, at, person, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
  }

  private static StatusChange status(String eventId, String reportId, CaseStatusValue s, Instant at) {
    return new StatusChange(eventId, "kent", reportId, s, at);
  }

  private List<KeyAlert> eval(KeyEvent... events) {
    return rules.evaluate(List.of(events));
  }

  @Nested
  class PncImmigrationCheck {

    @Test
    void checkOnAVictimRaisesAHighAlertNamingTheReport() {
      List<KeyAlert> alerts = eval(victimReport("R1", T0, Offence.ROBBERY), check("q", "kent", at(h(2)), V));
      assertThat(alerts).containsExactly(new KeyAlert(Rule.PNC_IMMIGRATION_CHECK, "q", "kent", Severity.HIGH, "R1",
          at(h(2)), null, null, false, Offence.ROBBERY, null, null, null, null));
    }

    @Test
    void checkForAnyOtherReasonRaisesNothing() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          new Check("q", "kent", at(h(2)), V, PncReason.SAFEGUARDING))).isEmpty();
    }

    @Test
    void aWitnessIsProtected() {
      List<KeyAlert> alerts = eval(report("r", "kent", "R1", T0, Offence.THEFT, new Person(V, Role.WITNESS)),
          check("q", "kent", at(h(1)), V));
      assertThat(alerts).extracting(KeyAlert::rule).containsExactly(Rule.PNC_IMMIGRATION_CHECK);
    }

    @Test
    void suspectsOffendersAndReportingPersonsRaiseNothing() {
      assertThat(eval(
          report("r", "kent", "R1", T0, Offence.ROBBERY, new Person("S", Role.SUSPECT), new Person("O", Role.OFFENDER),
              new Person("P", Role.REPORTING_PERSON)),
          check("q1", "kent", at(h(1)), "S"), check("q2", "kent", at(h(1)), "O"), check("q3", "kent", at(h(1)), "P"),
          disclose("d1", "kent", at(h(2)), "S"))).isEmpty();
    }

    @Test
    void aCheckOnSomeoneInNoReportRaisesNothing() {
      assertThat(eval(check("q", "kent", T0, V))).isEmpty();
    }

    @Test
    void roleCountsExactlyAtTheEndOfTheLookbackAndLapsesOneSecondLater() {
      Report r = victimReport("R1", T0, Offence.THEFT);
      assertThat(eval(r, check("q", "kent", at(d(730)), V))).hasSize(1);
      assertThat(eval(r, check("q", "kent", at(d(730)).plusSeconds(1), V))).isEmpty();
    }

    @Test
    void criticalOffencesRaiseTheSeverity() {
      for (Offence o : List.of(Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY)) {
        assertThat(eval(victimReport("R1", T0, o), check("q", "kent", at(h(1)), V)))
            .extracting(KeyAlert::severity).containsExactly(Severity.CRITICAL);
      }
    }
  }

  @Nested
  class Roles {

    @Test
    void victimAndSuspectInTheSameReportStillAlertsMarkedMixed() {
      List<KeyAlert> alerts = eval(report("r", "kent", "R1", T0, Offence.DOMESTIC_ABUSE, new Person(V, Role.VICTIM),
          new Person(V, Role.SUSPECT)), disclose("d", "kent", at(h(10)), V));
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.rule()).isEqualTo(Rule.SHARED_AT_REPORT);
        assertThat(a.mixedRoles()).isTrue();
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      });
    }

    @Test
    void aSuspectRoleFromAnotherReportMarksMixedWhileItIsWithinTheLookback() {
      Report victim = victimReport("R1", T0, Offence.ROBBERY);
      Report suspect = report("r2", "kent", "R2", at(d(1)), Offence.PUBLIC_ORDER, new Person(V, Role.OFFENDER));
      assertThat(eval(victim, suspect, check("q", "kent", at(d(2)), V)))
          .singleElement().satisfies(a -> {
            assertThat(a.mixedRoles()).isTrue();
            assertThat(a.reportId()).as("a suspect role is never the named report").isEqualTo("R1");
          });
      Report oldSuspect = report("r3", "kent", "R3", T0.minus(d(731)), Offence.DRUGS, new Person(V, Role.SUSPECT));
      assertThat(eval(victim, oldSuspect, check("q", "kent", at(d(2)), V)))
          .singleElement().extracting(KeyAlert::mixedRoles).isEqualTo(false);
    }

    @Test
    void aSuspectRoleReportedAfterTheEventDoesNotMarkMixed() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          report("r2", "kent", "R2", at(d(5)), Offence.PUBLIC_ORDER, new Person(V, Role.SUSPECT)),
          check("q", "kent", at(d(2)), V))).singleElement().extracting(KeyAlert::mixedRoles).isEqualTo(false);
    }

    @Test
    void theMostRecentReportBeforeTheEventIsNamedWhateverTheFlowCites() {
      Report older = victimReport("R1", T0, Offence.DOMESTIC_ABUSE);
      Report newer = report("r2", "essex", "R2", at(d(5)), Offence.THEFT, new Person(V, Role.WITNESS));
      Report afterEvent = report("r3", "kent", "R3", at(d(40)), Offence.SEXUAL_OFFENCE, new Person(V, Role.VICTIM));
      List<KeyAlert> alerts = eval(older, newer, afterEvent, disclose("d", "kent", at(d(30)), V));
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.reportId()).isEqualTo("R2");
        assertThat(a.offence()).isEqualTo(Offence.THEFT);
        assertThat(a.severity()).as("severity follows the named report").isEqualTo(Severity.HIGH);
        assertThat(a.delayHours()).isEqualTo(25 * 24);
      });
    }

    @Test
    void reportsAtTheSameInstantAreTieBrokenByTheGreatestReportId() {
      assertThat(eval(victimReport("KENT-A", T0, Offence.THEFT), victimReport("KENT-B", T0, Offence.ROBBERY),
          check("q", "kent", at(h(1)), V))).singleElement().extracting(KeyAlert::reportId).isEqualTo("KENT-B");
    }

    @Test
    void aRoleFromAReportAfterTheDisclosureIsNotBreachedByIt() {
      assertThat(eval(disclose("d", "kent", T0, V), victimReport("R1", at(d(2)), Offence.ROBBERY))).isEmpty();
    }

    @Test
    void aDisclosureBeforeANewReportStillBreachesAnEarlierOne() {
      assertThat(eval(victimReport("R0", T0.minus(d(100)), Offence.BURGLARY), disclose("d", "kent", T0, V),
          victimReport("R1", at(d(2)), Offence.ROBBERY)))
          .singleElement().satisfies(a -> {
            assertThat(a.reportId()).isEqualTo("R0");
            assertThat(a.rule()).isEqualTo(Rule.DELAYED_SHARING);
          });
    }

    @Test
    void theAlertBelongsToTheForceOfTheFlowNotOfTheReport() {
      Report r = report("r", "kent", "KENT-1", T0, Offence.ROBBERY, new Person(V, Role.VICTIM));
      assertThat(eval(r, check("q", "essex", at(h(5)), V), disclose("d", "metropolitan", at(d(20)), V)))
          .extracting(KeyAlert::force, KeyAlert::reportId)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("essex", "KENT-1"),
              org.assertj.core.groups.Tuple.tuple("metropolitan", "KENT-1"));
    }

    @Test
    void theSameEventIdRaisesOnceAndTheFirstOccurrenceCounts() {
      Report r = victimReport("R1", T0, Offence.ROBBERY);
      Check first = check("q", "kent", at(h(1)), V);
      Check replay = check("q", "essex", at(h(2)), V);
      assertThat(eval(r, first, replay, first)).singleElement().extracting(KeyAlert::force).isEqualTo("kent");
    }
  }

  @Nested
  class Disclosures {

    @Test
    void exactlyAtTheEndOfTheImmediateWindowIsSharedAtReport() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY), disclose("d", "kent", at(h(72)), V)))
          .containsExactly(new KeyAlert(Rule.SHARED_AT_REPORT, "d", "kent", Severity.HIGH, "R1", at(h(72)), 72L, null,
              false, Offence.ROBBERY, Channel.NCCU_PHONE, Recipient.IMMIGRATION_ENFORCEMENT, null, null));
    }

    @Test
    void atTheReportInstantIsSharedAtReportWithNoDelay() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY), disclose("d", "kent", T0, V)))
          .singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.SHARED_AT_REPORT);
            assertThat(a.delayHours()).isZero();
          });
    }

    @Test
    void oneSecondAfterTheWindowIsDelayedSharingWhileTheCaseIsOpen() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY), status("s", "R1", CaseStatusValue.UNDER_INVESTIGATION,
          at(h(1))), disclose("d", "kent", at(h(72)).plusSeconds(1), V)))
          .containsExactly(new KeyAlert(Rule.DELAYED_SHARING, "d", "kent", Severity.HIGH, "R1",
              at(h(72)).plusSeconds(1), 72L, Phase.WHILE_CASE_OPEN, false, Offence.ROBBERY, Channel.NCCU_PHONE,
              Recipient.IMMIGRATION_ENFORCEMENT, null, null));
    }

    @Test
    void delayHoursAreWholeHoursRoundedDown() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          disclose("d", "kent", at(h(100)).plus(Duration.ofMinutes(59)), V)))
          .singleElement().extracting(KeyAlert::delayHours).isEqualTo(100L);
    }

    @Test
    void everyImmigrationRecipientCountsAndNoOtherDoes() {
      Report r = victimReport("R1", T0, Offence.ROBBERY);
      List<KeyEvent> events = new ArrayList<>(List.of(r));
      int i = 0;
      for (Recipient rec : Recipient.values()) {
        events.add(new Disclosed("d" + i++, "kent", at(h(i)), V, rec, Channel.LETTER));
      }
      assertThat(rules.evaluate(events)).extracting(KeyAlert::recipient).containsExactlyInAnyOrder(
          Recipient.IMMIGRATION_ENFORCEMENT, Recipient.BORDER_FORCE, Recipient.UK_VISAS_AND_IMMIGRATION);
    }

    @Test
    void afterTheCaseIsClosedItIsMediumAndAfterCaseClosed() {
      assertThat(eval(victimReport("R1", T0, Offence.BURGLARY), status("s1", "R1", CaseStatusValue.CLOSED, at(d(20))),
          disclose("d", "kent", at(d(25)), V)))
          .singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.delayHours()).isEqualTo(600);
          });
    }

    @Test
    void noFurtherActionCountsAsClosedAndChargedDoesNot() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          status("s1", "R1", CaseStatusValue.NO_FURTHER_ACTION, at(d(20))), disclose("d", "kent", at(d(21)), V)))
          .singleElement().extracting(KeyAlert::phase).isEqualTo(Phase.AFTER_CASE_CLOSED);
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          status("s1", "R1", CaseStatusValue.CHARGED, at(d(20))), disclose("d", "kent", at(d(21)), V)))
          .singleElement().extracting(KeyAlert::phase).isEqualTo(Phase.WHILE_CASE_OPEN);
    }

    @Test
    void aCriticalOffenceStaysCriticalAfterClosure() {
      assertThat(eval(victimReport("R1", T0, Offence.DOMESTIC_ABUSE),
          status("s1", "R1", CaseStatusValue.CLOSED, at(d(20))), disclose("d", "kent", at(d(25)), V)))
          .singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
          });
    }

    @Test
    void aStatusChangedAtTheDisclosureInstantCountsAndALaterOneDoesNot() {
      Report r = victimReport("R1", T0, Offence.ROBBERY);
      assertThat(eval(r, status("s1", "R1", CaseStatusValue.CLOSED, at(d(10))), disclose("d", "kent", at(d(10)), V)))
          .singleElement().extracting(KeyAlert::phase).isEqualTo(Phase.AFTER_CASE_CLOSED);
      assertThat(eval(r, status("s1", "R1", CaseStatusValue.CLOSED, at(d(10)).plusSeconds(1)),
          disclose("d", "kent", at(d(10)), V)))
          .singleElement().extracting(KeyAlert::phase).isEqualTo(Phase.WHILE_CASE_OPEN);
    }

    @Test
    void aReopenedCaseIsOpenAgain() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          status("s1", "R1", CaseStatusValue.CLOSED, at(d(10))),
          status("s2", "R1", CaseStatusValue.UNDER_INVESTIGATION, at(d(15))),
          disclose("d", "kent", at(d(20)), V)))
          .singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo(Phase.WHILE_CASE_OPEN);
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
          });
    }

    @Test
    void statusChangesAtTheSameInstantAreTieBrokenByTheGreatestEventId() {
      assertThat(eval(victimReport("R1", T0, Offence.ROBBERY),
          status("s-a", "R1", CaseStatusValue.UNDER_INVESTIGATION, at(d(10))),
          status("s-b", "R1", CaseStatusValue.CLOSED, at(d(10))),
          disclose("d", "kent", at(d(11)), V)))
          .singleElement().extracting(KeyAlert::phase).isEqualTo(Phase.AFTER_CASE_CLOSED);
    }
  }

  @Nested
  class SystematicDeferral {

    /** A delayed disclosure by {@code force} of person p, whose report closed {@code afterClosure} before it. */
    private List<KeyEvent> delayed(String n, String force, Instant disclosedAt, Duration afterClosure) {
      String p = "P-" + n;
      Instant reported = disclosedAt.minus(d(40));
      List<KeyEvent> evs = new ArrayList<>();
      evs.add(report("r" + n, force, "R" + n, reported, Offence.ROBBERY, new Person(p, Role.VICTIM)));
      if (afterClosure != null) {
        evs.add(new StatusChange("s" + n, force, "R" + n, CaseStatusValue.CLOSED, disclosedAt.minus(afterClosure)));
      }
      evs.add(disclose("d" + n, force, disclosedAt, p));
      return evs;
    }

    private List<KeyAlert> deferrals(List<KeyEvent> events) {
      return rules.evaluate(events).stream().filter(a -> a.rule() == Rule.SYSTEMATIC_DEFERRAL).toList();
    }

    @Test
    void fiveDelayedDisclosuresWithThreeSoonAfterClosureFireOnTheFifth() {
      List<KeyEvent> evs = new ArrayList<>();
      evs.addAll(delayed("1", "kent", at(d(100)), null));
      evs.addAll(delayed("2", "kent", at(d(110)), null));
      evs.addAll(delayed("3", "kent", at(d(120)), d(2)));
      evs.addAll(delayed("4", "kent", at(d(130)), d(5)));
      evs.addAll(delayed("5", "kent", at(d(140)), d(14)));
      assertThat(deferrals(evs)).containsExactly(new KeyAlert(Rule.SYSTEMATIC_DEFERRAL, "d5", "kent", Severity.MEDIUM,
          null, at(d(140)), null, null, false, null, null, null, 5, 3));
    }

    @Test
    void exactlyHalfSoonAfterClosureIsNotMoreThanHalf() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        evs.addAll(delayed("o" + i, "kent", at(d(100 + i)), null));
      }
      for (int i = 1; i <= 3; i++) {
        evs.addAll(delayed("c" + i, "kent", at(d(110 + i)), d(1)));
      }
      assertThat(deferrals(evs)).isEmpty();
    }

    @Test
    void fourAreNotEnough() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        evs.addAll(delayed("c" + i, "kent", at(d(100 + i)), d(1)));
      }
      assertThat(deferrals(evs)).isEmpty();
    }

    @Test
    void soonAfterClosureIncludesFourteenDaysAndNotOneSecondMore() {
      List<KeyEvent> atLimit = new ArrayList<>();
      List<KeyEvent> beyond = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        atLimit.addAll(delayed("a" + i, "kent", at(d(100 + i)), i <= 2 ? d(1) : d(14)));
        beyond.addAll(delayed("b" + i, "kent", at(d(100 + i)), i <= 2 ? d(1) : d(14).plusSeconds(1)));
      }
      assertThat(deferrals(atLimit)).hasSize(1);
      assertThat(deferrals(beyond)).isEmpty();
    }

    @Test
    void theWindowIncludesADisclosureExactlyNinetyDaysBefore() {
      List<KeyEvent> evs = new ArrayList<>();
      evs.addAll(delayed("1", "kent", at(d(100)), d(1)));
      for (int i = 2; i <= 5; i++) {
        evs.addAll(delayed(String.valueOf(i), "kent", at(d(150 + i)), i <= 3 ? d(1) : null));
      }
      // d1 at day 100, d5 at day 155: within 90 days; move d1 to exactly 90 days before d5.
      List<KeyEvent> exact = new ArrayList<>(delayed("1", "kent", at(d(65)), d(1)));
      List<KeyEvent> justOut = new ArrayList<>(delayed("1", "kent", at(d(65)).minusSeconds(1), d(1)));
      for (int i = 2; i <= 5; i++) {
        exact.addAll(delayed(String.valueOf(i), "kent", at(d(150 + i)), i <= 3 ? d(1) : null));
        justOut.addAll(delayed(String.valueOf(i), "kent", at(d(150 + i)), i <= 3 ? d(1) : null));
      }
      assertThat(deferrals(evs)).hasSize(1);
      assertThat(deferrals(exact)).extracting(KeyAlert::windowDisclosures).containsExactly(5);
      assertThat(deferrals(justOut)).isEmpty();
    }

    @Test
    void atMostOnePerForcePerNinetyDaysThenItCanFireAgain() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        evs.addAll(delayed("a" + i, "kent", at(d(100 + i)), d(1)));
      }
      // The fifth (day 105) fires; the next burst starts after day 195.
      for (int i = 1; i <= 5; i++) {
        evs.addAll(delayed("b" + i, "kent", at(d(190 + i)), d(1)));
      }
      assertThat(deferrals(evs)).extracting(KeyAlert::triggeringEventId, KeyAlert::eventTime)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("da5", at(d(105))),
              org.assertj.core.groups.Tuple.tuple("db5", at(d(195))));
    }

    @Test
    void disclosuresAtTheSameInstantAreOrderedByEventId() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        evs.addAll(delayed("a" + i, "kent", at(d(100 + i)), d(1)));
      }
      evs.addAll(delayed("z", "kent", at(d(110)), d(1)));
      evs.addAll(delayed("y", "kent", at(d(110)), d(1)));
      assertThat(deferrals(evs)).extracting(KeyAlert::triggeringEventId).containsExactly("dz");
    }

    @Test
    void onlyTheForcesOwnDelayedDisclosuresCountAndSharedAtReportDoesNot() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        evs.addAll(delayed("k" + i, "kent", at(d(100 + i)), d(1)));
      }
      evs.addAll(delayed("e", "essex", at(d(106)), d(1)));
      evs.add(victimReport("RX", at(d(107)), Offence.ROBBERY));
      evs.add(disclose("shared", "kent", at(d(107)).plus(h(1)), V));
      assertThat(deferrals(evs)).isEmpty();
    }

    @Test
    void itIsMediumEvenWhenTheDisclosuresAreAboutCriticalOffences() {
      List<KeyEvent> evs = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        Instant t = at(d(100 + i));
        String p = "P" + i;
        evs.add(report("r" + i, "kent", "R" + i, t.minus(d(30)), Offence.DOMESTIC_ABUSE, new Person(p, Role.VICTIM)));
        evs.add(new StatusChange("s" + i, "kent", "R" + i, CaseStatusValue.NO_FURTHER_ACTION, t.minus(d(3))));
        evs.add(disclose("d" + i, "kent", t, p));
      }
      assertThat(deferrals(evs)).singleElement().extracting(KeyAlert::severity).isEqualTo(Severity.MEDIUM);
    }
  }

  @Test
  void usesThePolicysThresholds() {
    Policy strict = new Policy("strict", Duration.ofDays(10), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofDays(30), 2, Duration.ofDays(1), 0.5, java.util.Set.of(Offence.THEFT),
        java.util.Set.of(CaseStatusValue.CHARGED));
    ReferenceRules r = new ReferenceRules(strict);
    Report rep = victimReport("R1", T0, Offence.THEFT);
    assertThat(r.evaluate(List.of(rep, check("q", "kent", at(d(11)), V)))).as("lookback 10 days").isEmpty();
    assertThat(r.evaluate(List.of(rep, status("s", "R1", CaseStatusValue.CHARGED, at(h(2))),
        disclose("d", "kent", at(h(3)), V))))
        .singleElement().satisfies(a -> {
          assertThat(a.rule()).isEqualTo(Rule.DELAYED_SHARING);
          assertThat(a.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
          assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        });
  }
}
