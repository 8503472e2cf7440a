package org.safehaven.streams.rules;

import org.safehaven.core.alert.AlertIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.Alert;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The two rules decided per event, as domain.md defines them and as the generator's {@code ReferenceRules}
 * interprets them:
 * <ul>
 *   <li>{@code PNC_IMMIGRATION_CHECK}: a PNC query with reason IMMIGRATION_STATUS about a person who holds a
 *       protected role (VICTIM, WITNESS) at {@code queriedAt}, i.e. from a report with
 *       {@code reportedAt <= queriedAt <= reportedAt + lookback}.</li>
 *   <li>{@code SHARED_AT_REPORT}: a disclosure to an immigration recipient whose named report has
 *       {@code reportedAt <= disclosedAt <= reportedAt + immediateWindow}. (A disclosure after the window is
 *       DELAYED_SHARING, decided elsewhere; one before every report is no breach of it.)</li>
 * </ul>
 * The named report is the most recent protected-role report that counts at the event time
 * ({@link RolesAt#MOST_RECENT_FIRST}); if any protected report lies within the immediate window, the most
 * recent one does too. Severity is CRITICAL when the named report's offence is one of the policy's critical
 * offences, else HIGH. {@code mixedRoles}: the person also holds SUSPECT or OFFENDER from any report that
 * counts at the event time. The alert belongs to the force of the query or disclosure. {@code delayHours}
 * (disclosures only) is the whole hours from the named report's {@code reportedAt} to the disclosure.
 *
 * <p>Pure: {@code detectedAt} is passed in.
 */
public final class RealTimeRules {

  private RealTimeRules() {
  }

  /** The rule a flow could break, if any: only these flows are candidates for an alert. */
  public static Optional<Rule> candidateRule(LineageRecord flow) {
    if (flow.getFlowType() == FlowType.PNC_QUERY && flow.getPncReason() == PncReason.IMMIGRATION_STATUS) {
      return Optional.of(Rule.PNC_IMMIGRATION_CHECK);
    }
    if (flow.getFlowType() == FlowType.DISCLOSURE && flow.getImmigrationRecipient()) {
      return Optional.of(Rule.SHARED_AT_REPORT);
    }
    return Optional.empty();
  }

  /** The alert the flow raises given the person's roles, or empty. */
  public static Optional<Alert> evaluate(LineageRecord flow, List<RoleHeld> roles, Policy policy, Instant detectedAt) {
    Optional<Rule> rule = candidateRule(flow);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    long t = flow.getEventTime().toEpochMilli();
    Optional<RoleHeld> named = RolesAt.namedReport(roles, t, policy.lookback());
    if (named.isEmpty()) {
      return Optional.empty();
    }
    RoleHeld report = named.get();
    long reportedAt = report.getReportedAt().toEpochMilli();
    if (rule.get() == Rule.SHARED_AT_REPORT && t > reportedAt + policy.immediateWindow().toMillis()) {
      return Optional.empty();
    }
    Alert.Builder alert = Alert.newBuilder()
        .setAlertId(AlertIds.of(rule.get(), flow.getForce(), flow.getEventId()))
        .setRule(rule.get())
        .setSeverity(policy.isCritical(report.getOffence()) ? Severity.CRITICAL : Severity.HIGH)
        .setForce(flow.getForce())
        .setPersonRef(flow.getPersonRef())
        .setReportId(report.getReportId())
        .setTriggeringEventId(flow.getEventId())
        .setEventTime(flow.getEventTime())
        .setDetectedAt(detectedAt)
        .setMixedRoles(RolesAt.suspectOrOffender(roles, t, policy.lookback()))
        .setOffence(report.getOffence())
        .setPolicyVersion(policy.version());
    if (rule.get() == Rule.SHARED_AT_REPORT) {
      alert.setDelayHours((t - reportedAt) / 3_600_000L)
          .setChannel(flow.getChannel())
          .setRecipient(flow.getRecipient());
    }
    return Optional.of(alert.build());
  }
}
