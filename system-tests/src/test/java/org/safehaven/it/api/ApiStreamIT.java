package org.safehaven.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.safehaven.it.indexer.Samples;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * Live alerts over server-sent events, from the alerts topic, confined by role and filters; corrections sent
 * as the alert they replace, withdrawals as removals.
 */
class ApiStreamIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void newAlertsArriveLiveAndAForceReceivesOnlyItsOwn() throws Exception {
    ApiWorld w = ApiWorld.get();
    Instant now = Instant.now();
    try (AlertStreamClient oversight = AlertStreamClient.open(w, "/api/v1/alerts/stream", w.tokens.get("oversight"));
         AlertStreamClient kent = AlertStreamClient.open(w, "/api/v1/alerts/stream", w.tokens.get("kent"));
         AlertStreamClient critical = AlertStreamClient.open(w, "/api/v1/alerts/stream?severity=CRITICAL",
             w.tokens.get("oversight"))) {
      for (AlertStreamClient c : List.of(oversight, kent, critical)) {
        assertThat(c.comments.poll(20, TimeUnit.SECONDS)).as("subscribed").isEqualTo(": connected");
      }
      Alert essexAlert = Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "live-e-" + now.toEpochMilli(),
          "live-ep", "ESSEX-LIVE", now, 300L, Phase.WHILE_CASE_OPEN, Offence.ROBBERY);
      w.landing.send(w.landing.sources.alerts(), List.of(essexAlert), Alert::getForce);
      JsonNode first = JSON.readTree(oversight.alerts.poll(30, TimeUnit.SECONDS));
      assertThat(first.get("alertId").asText()).isEqualTo(essexAlert.getAlertId());
      assertThat(first.get("delayHours").asLong()).isEqualTo(300);

      Alert kentAlert = Samples.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent",
          "live-k-" + now.toEpochMilli(), "live-kp", "KENT-LIVE", now, null, null, Offence.DOMESTIC_ABUSE);
      // Sent twice: a replay upstream must not reach clients twice.
      w.landing.send(w.landing.sources.alerts(), List.of(kentAlert, kentAlert), Alert::getForce);
      JsonNode mine = JSON.readTree(kent.alerts.poll(30, TimeUnit.SECONDS));
      assertThat(mine.get("alertId").asText()).isEqualTo(kentAlert.getAlertId());
      assertThat(mine.get("force").asText()).isEqualTo("kent");
      assertThat(JSON.readTree(critical.alerts.poll(30, TimeUnit.SECONDS)).get("alertId").asText())
          .isEqualTo(kentAlert.getAlertId());
      assertThat(JSON.readTree(oversight.alerts.poll(30, TimeUnit.SECONDS)).get("alertId").asText())
          .isEqualTo(kentAlert.getAlertId());
      Thread.sleep(1000);
      assertThat(kent.alerts).as("essex's alert never reached kent, kent's came once").isEmpty();
      assertThat(oversight.alerts).isEmpty();
      assertThat(critical.alerts).isEmpty();
    }
  }

  @Test
  void aCorrectionReplacesTheAlertSentAndAWithdrawalRemovesItFromThoseWhoHeldIt() throws Exception {
    ApiWorld w = ApiWorld.get();
    Instant now = Instant.now();
    try (AlertStreamClient kent = AlertStreamClient.open(w, "/api/v1/alerts/stream", w.tokens.get("kent"));
         AlertStreamClient delayedOnly = AlertStreamClient.open(w, "/api/v1/alerts/stream?rule=DELAYED_SHARING",
             w.tokens.get("oversight"));
         AlertStreamClient essex = AlertStreamClient.open(w, "/api/v1/alerts/stream", w.tokens.get("essex"))) {
      for (AlertStreamClient c : List.of(kent, delayedOnly, essex)) {
        assertThat(c.comments.poll(20, TimeUnit.SECONDS)).as("subscribed").isEqualTo(": connected");
      }
      Alert first = Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "kent", "live-rev-" + now.toEpochMilli(),
          "live-rev-p", "KENT-LIVE-OLD", now, 400L, Phase.WHILE_CASE_OPEN, Offence.ROBBERY);
      Alert corrected = Samples.revision(first, 2);
      corrected.setRule(Rule.SHARED_AT_REPORT);
      corrected.setReportId("KENT-LIVE-NEW");
      corrected.setDelayHours(null);
      corrected.setPhase(null);
      Alert withdrawn = Samples.revision(first, 3);
      withdrawn.setWithdrawn(true);

      w.landing.send(w.landing.sources.alerts(), List.of(first), Alert::getForce);
      assertThat(JSON.readTree(kent.alerts.poll(30, TimeUnit.SECONDS)).get("revision").asInt()).isEqualTo(1);
      assertThat(JSON.readTree(delayedOnly.alerts.poll(30, TimeUnit.SECONDS)).get("alertId").asText())
          .isEqualTo(first.getAlertId());

      // The correction, then revision 1 replayed late: the correction once, the replay never.
      w.landing.send(w.landing.sources.alerts(), List.of(corrected, first), Alert::getForce);
      JsonNode correction = JSON.readTree(kent.alerts.poll(30, TimeUnit.SECONDS));
      assertThat(correction.get("alertId").asText()).isEqualTo(first.getAlertId());
      assertThat(correction.get("revision").asInt()).isEqualTo(2);
      assertThat(correction.get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
      JsonNode leftFilter = JSON.readTree(delayedOnly.removals.poll(30, TimeUnit.SECONDS));
      assertThat(leftFilter.get("alertId").asText()).as("no longer DELAYED_SHARING: off that feed")
          .isEqualTo(first.getAlertId());
      assertThat(leftFilter.get("withdrawn").asBoolean()).isFalse();

      w.landing.send(w.landing.sources.alerts(), List.of(withdrawn), Alert::getForce);
      JsonNode removal = JSON.readTree(kent.removals.poll(30, TimeUnit.SECONDS));
      assertThat(removal.get("alertId").asText()).isEqualTo(first.getAlertId());
      assertThat(removal.get("revision").asInt()).isEqualTo(3);
      assertThat(removal.get("withdrawn").asBoolean()).isTrue();

      Thread.sleep(1000);
      assertThat(kent.alerts).as("the late revision 1 was not sent, the withdrawal not as an alert").isEmpty();
      assertThat(kent.removals).isEmpty();
      assertThat(delayedOnly.alerts).isEmpty();
      assertThat(delayedOnly.removals).as("it no longer showed the alert").isEmpty();
      assertThat(essex.alerts).as("kent's alert and its revisions never reach essex").isEmpty();
      assertThat(essex.removals).isEmpty();
    }
  }
}
