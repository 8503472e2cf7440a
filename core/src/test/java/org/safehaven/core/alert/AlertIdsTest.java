package org.safehaven.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.safehaven.schema.Rule;

class AlertIdsTest {

  @Test
  void theSameRuleAndEventAlwaysGiveTheSameIdAndADifferentRuleAnother() {
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "e-3")).isEqualTo(AlertIds.of(Rule.DELAYED_SHARING, "e-3"));
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "e-3")).isNotEqualTo(AlertIds.of(Rule.SYSTEMATIC_DEFERRAL, "e-3"));
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "e-3")).isNotEqualTo(AlertIds.of(Rule.DELAYED_SHARING, "e-4"));
  }

  @Test
  void theIdIsTheVersion3UuidOfRuleBarEventId() {
    // Pinned: consumers and both processors rely on this exact derivation.
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "e-3"))
        .isEqualTo(java.util.UUID.nameUUIDFromBytes("DELAYED_SHARING|e-3".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString());
  }
}
