package org.safehaven.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

class PolicyTest {

  private final Policy policy = Policy.defaults("t");

  @Test
  void patternNeedsAtLeastTheMinimumAndStrictlyMoreThanHalfSoonAfterClosure() {
    assertThat(policy.patternMet(5, 3)).isTrue();
    assertThat(policy.patternMet(4, 4)).isFalse();
    assertThat(policy.patternMet(6, 3)).as("exactly half is not more than half").isFalse();
    assertThat(policy.patternMet(6, 4)).isTrue();
  }

  @Test
  void noFurtherActionCountsAsClosedButChargedDoesNot() {
    assertThat(policy.isClosed(CaseStatusValue.NO_FURTHER_ACTION)).isTrue();
    assertThat(policy.isClosed(CaseStatusValue.CLOSED)).isTrue();
    assertThat(policy.isClosed(CaseStatusValue.CHARGED)).isFalse();
    assertThat(policy.isCritical(Offence.MODERN_SLAVERY)).isTrue();
    assertThat(policy.isCritical(Offence.ROBBERY)).isFalse();
  }

  @Test
  void setsAreImmutableCopies() {
    assertThatThrownBy(() -> policy.criticalOffences().add(Offence.THEFT))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructorRejectsANullWindowNamingTheKey() {
    assertThatThrownBy(() -> new Policy("v", Duration.ofDays(1), null, Duration.ZERO, Duration.ofDays(1), 1,
        Duration.ZERO, 0.5, Policy.DEFAULT_CRITICAL_OFFENCES, Policy.DEFAULT_CLOSED_STATUSES))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy 'immediateWindow' is required");
  }
}
