package org.safehaven.flink;

import java.util.List;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.schema.Alert;

/** Alerts as answer-key entries, so that a job's output compares with the key field by field. */
final class AlertComparison {

  private AlertComparison() {
  }

  static KeyAlert asKey(Alert a) {
    return new KeyAlert(a.getRule(), a.getTriggeringEventId(), a.getForce(), a.getSeverity(), a.getReportId(),
        a.getEventTime(), a.getDelayHours(), a.getPhase(), a.getMixedRoles(), a.getOffence(), a.getChannel(),
        a.getRecipient(), a.getWindowDisclosures(), a.getWindowAfterClosure());
  }

  static List<KeyAlert> asKey(List<Alert> alerts) {
    return alerts.stream().map(AlertComparison::asKey).sorted(KeyAlert.ORDER).toList();
  }
}
