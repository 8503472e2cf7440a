package org.safehaven.flink.rules;

import java.time.Instant;
import org.safehaven.core.alert.AlertIds;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Rule;

/**
 * A {@link Decision} as the {@link Alert} record the Streams rules also write: alertId from
 * {@link AlertIds#of} (so a replay or a restore gives the same id), the policy version that decided it, and
 * fields that do not apply left null.
 */
public final class AlertRecords {

  private AlertRecords() {
  }

  public static Alert of(Decision d, String policyVersion, Instant detectedAt) {
    Alert.Builder a = Alert.newBuilder()
        .setAlertId(AlertIds.of(d.rule, d.force, d.triggeringEventId))
        .setRule(d.rule)
        .setSeverity(d.severity)
        .setForce(d.force)
        .setTriggeringEventId(d.triggeringEventId)
        .setEventTime(Instant.ofEpochMilli(d.eventTime))
        .setDetectedAt(detectedAt)
        .setMixedRoles(d.mixedRoles)
        .setPolicyVersion(policyVersion);
    if (d.rule == Rule.SYSTEMATIC_DEFERRAL) {
      return a.setWindowDisclosures(d.windowDisclosures).setWindowAfterClosure(d.windowAfterClosure).build();
    }
    a.setPersonRef(d.personRef).setReportId(d.reportId).setOffence(d.offence);
    if (d.delayHours >= 0) {
      a.setDelayHours(d.delayHours);
    }
    return a.setPhase(d.phase).setChannel(d.channel).setRecipient(d.recipient).build();
  }
}
