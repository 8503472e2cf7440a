package org.safehaven.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Rule;

class AlertIdsTest {

  @Test
  void theSameRuleForceAndEventAlwaysGiveTheSameIdAndADifferentRuleAnother() {
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3")).isEqualTo(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3"));
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3"))
        .isNotEqualTo(AlertIds.of(Rule.SYSTEMATIC_DEFERRAL, "kent", "e-3"));
    assertThat(AlertIds.of(Rule.PNC_IMMIGRATION_CHECK, "kent", "e-3"))
        .isNotEqualTo(AlertIds.of(Rule.SHARED_AT_REPORT, "kent", "e-3"));
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3")).isNotEqualTo(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-4"));
  }

  @Test
  void twoForcesSendingTheSameEventIdGetTwoAlertsNotOne() {
    assertThat(AlertIds.of(Rule.SHARED_AT_REPORT, "kent", "e-1"))
        .isNotEqualTo(AlertIds.of(Rule.SHARED_AT_REPORT, "essex", "e-1"));
  }

  @Test
  void theIdIsTheVersion3UuidOfRuleForceAndEventIdJoinedByBars() {
    // Pinned: consumers and both processors rely on this exact derivation.
    assertThat(AlertIds.of(Rule.PNC_IMMIGRATION_CHECK, "kent", "e-3"))
        .isEqualTo(UUID.nameUUIDFromBytes("PNC_IMMIGRATION_CHECK|kent|e-3".getBytes(StandardCharsets.UTF_8)).toString());
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3")).isEqualTo(
        UUID.nameUUIDFromBytes("IMMIGRATION_DISCLOSURE|kent|e-3".getBytes(StandardCharsets.UTF_8)).toString());
  }

  @Test
  void aDisclosureKeepsItsIdWhenACloserReportTurnsDelayedSharingIntoSharingAtReport() {
    assertThat(AlertIds.of(Rule.DELAYED_SHARING, "kent", "e-3")).isEqualTo(AlertIds.of(Rule.SHARED_AT_REPORT, "kent", "e-3"));
  }
}
