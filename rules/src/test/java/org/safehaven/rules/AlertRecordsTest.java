package org.safehaven.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;

class AlertRecordsTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;

  static Decision decide(List<Grant> grants) {
    Flow f = Flow.disclosure("d-1", "essex", "ph_p", T0 + 10 * DAY, Recipient.BORDER_FORCE, Channel.LETTER);
    return PersonRules.decide(f, grants, List.of(), PersonRulesTest.RULES).orElse(null);
  }

  @Test
  void aCloserReportArrivingLaterCorrectsDelayedSharingToSharedAtReportUnderTheSameIdAsTheNextRevision() {
    Grant old = new Grant("R1", Role.VICTIM, Offence.ROBBERY, T0);
    Grant closer = new Grant("R2", Role.VICTIM, Offence.THEFT, T0 + 9 * DAY);
    Alert first = AlertRecords.next(null, decide(List.of(old)), "v", NOW);
    assertThat(first.getRule()).isEqualTo(Rule.DELAYED_SHARING);
    assertThat(first.getRevision()).isEqualTo(1);
    Alert second = AlertRecords.next(first, decide(List.of(old, closer)), "v", NOW.plusSeconds(1));
    assertThat(second.getAlertId()).isEqualTo(first.getAlertId());
    assertThat(second.getRule()).isEqualTo(Rule.SHARED_AT_REPORT);
    assertThat(second.getReportId()).isEqualTo("R2");
    assertThat(second.getRevision()).isEqualTo(2);
    assertThat(AlertRecords.alertIdOf(Flow.disclosure("d-1", "essex", "ph_p", T0 + 10 * DAY, Recipient.BORDER_FORCE,
        Channel.LETTER))).isEqualTo(first.getAlertId());
    // The same decision again (a replay, a duplicate) writes nothing.
    assertThat(AlertRecords.next(second, decide(List.of(closer, old)), "v", NOW.plusSeconds(9))).isNull();
  }

  @Test
  void aDecisionThatNoLongerHoldsIsWithdrawnOnceAndCanBeRaisedAgain() {
    Grant victim = new Grant("R1", Role.VICTIM, Offence.ROBBERY, T0);
    Alert first = AlertRecords.next(null, decide(List.of(victim)), "v", NOW);
    Alert withdrawn = AlertRecords.next(first, null, "v", NOW);
    assertThat(withdrawn.getWithdrawn()).isTrue();
    assertThat(withdrawn.getRevision()).isEqualTo(2);
    assertThat(withdrawn.getAlertId()).isEqualTo(first.getAlertId());
    assertThat(AlertRecords.next(withdrawn, null, "v", NOW)).isNull();
    Alert again = AlertRecords.next(withdrawn, decide(List.of(victim)), "v", NOW);
    assertThat(again.getWithdrawn()).isFalse();
    assertThat(again.getRevision()).isEqualTo(3);
    assertThat(AlertRecords.next(null, null, "v", NOW)).isNull();
  }
}
