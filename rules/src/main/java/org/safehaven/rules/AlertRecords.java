package org.safehaven.rules;

import java.time.Instant;
import java.util.Objects;
import org.safehaven.core.alert.AlertIds;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Rule;

/**
 * Decisions as the {@link Alert} records users see, and the revision rule that both engines follow.
 *
 * <p>Contract: an alert's id is {@link AlertIds#of} (rule family, force, triggering event), so a replay, a
 * restore or the other engine gives the same id. The first decision about a triggering event is revision 1.
 * When what is decided about it changes (a later-arriving report names another report, turns delayed sharing
 * into sharing at report, a case status changes its phase; a pattern moves), the next revision is written
 * under the same id; when nothing is decided any more, a revision with {@code withdrawn = true}. A decision
 * equal to the last revision writes nothing, so replays and duplicates never raise an alert twice.
 */
public final class AlertRecords {

  private AlertRecords() {
  }

  /**
   * The id of the alert a candidate flow raises, whichever rule it breaks (a disclosure's two rules are one
   * family): what an engine looks up before it knows the decision, to revise or withdraw it.
   */
  public static String alertIdOf(Flow candidate) {
    return AlertIds.of(candidate.isDisclosure() ? Rule.SHARED_AT_REPORT : Rule.PNC_IMMIGRATION_CHECK,
        candidate.force(), candidate.eventId());
  }

  public static Alert of(Decision d, String policyVersion, Instant detectedAt, int revision) {
    Alert.Builder a = Alert.newBuilder()
        .setAlertId(AlertIds.of(d.rule(), d.force(), d.triggeringEventId()))
        .setRule(d.rule())
        .setSeverity(d.severity())
        .setForce(d.force())
        .setPersonRef(d.personRef())
        .setReportId(d.reportId())
        .setTriggeringEventId(d.triggeringEventId())
        .setEventTime(Instant.ofEpochMilli(d.eventTime()))
        .setDetectedAt(detectedAt)
        .setDelayHours(d.delayHours())
        .setPhase(d.phase())
        .setMixedRoles(d.mixedRoles())
        .setOffence(d.offence())
        .setChannel(d.channel())
        .setRecipient(d.recipient())
        .setWindowDisclosures(d.windowDisclosures())
        .setWindowAfterClosure(d.windowAfterClosure())
        .setPolicyVersion(policyVersion)
        .setRevision(revision)
        .setWithdrawn(false);
    return a.build();
  }

  /**
   * What to write after {@code previous} (the last revision written, or null) now that the decision is
   * {@code decision} (null: none), or null when nothing changed.
   */
  public static Alert next(Alert previous, Decision decision, String policyVersion, Instant detectedAt) {
    if (previous == null) {
      return decision == null ? null : of(decision, policyVersion, detectedAt, 1);
    }
    if (decision == null) {
      return previous.getWithdrawn() ? null : Alert.newBuilder(previous).setRevision(previous.getRevision() + 1)
          .setWithdrawn(true).setDetectedAt(detectedAt).build();
    }
    Alert candidate = of(decision, policyVersion, detectedAt, previous.getRevision() + 1);
    if (!previous.getAlertId().equals(candidate.getAlertId())) {
      throw new IllegalArgumentException("a decision about another alert than " + previous.getAlertId());
    }
    return !previous.getWithdrawn() && sameFinding(previous, candidate) ? null : candidate;
  }

  /**
   * What a consumer of the alerts topic holds: the highest revision of each alertId, withdrawn ones left out,
   * in alertId order. Every revision is self-contained, so the order the records were read in does not matter.
   */
  public static java.util.List<Alert> latest(java.util.Collection<Alert> revisions) {
    java.util.Map<String, Alert> byId = new java.util.TreeMap<>();
    for (Alert a : revisions) {
      byId.merge(a.getAlertId(), a, (x, y) -> y.getRevision() > x.getRevision() ? y : x);
    }
    return byId.values().stream().filter(a -> !a.getWithdrawn()).toList();
  }

  /** Whether two alert records say the same thing: every field but detectedAt and revision. */
  public static boolean sameFinding(Alert a, Alert b) {
    return Objects.equals(normal(a), normal(b));
  }

  private static Alert normal(Alert a) {
    return Alert.newBuilder(a).setDetectedAt(Instant.EPOCH).setRevision(0).build();
  }
}
