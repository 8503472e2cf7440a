package org.safehaven.flink.rules;

import java.util.Optional;
import org.safehaven.flink.roles.PersonFact;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * domain.md's person rules for one flow, given what is known about the person: a pure function, with exactly
 * the interpretation of the generator's {@code ReferenceRules} (the answer key):
 * <ul>
 *   <li>a grant is active at t when {@code reportedAt <= t <= reportedAt + lookback};</li>
 *   <li>the named report is the active VICTIM/WITNESS grant with the latest reportedAt (ties: the greatest
 *       reportId), whatever force made it; without one, no rule fires;</li>
 *   <li>mixedRoles: an active SUSPECT or OFFENDER grant from any report;</li>
 *   <li>the case status at t of the named report: its status change with the latest {@code changedAt <= t}
 *       (ties: the greatest eventId); none means open;</li>
 *   <li>PNC_IMMIGRATION_CHECK for an IMMIGRATION_STATUS query; for a disclosure to an immigration recipient
 *       SHARED_AT_REPORT when {@code t <= reportedAt + immediateWindow}, else DELAYED_SHARING with phase
 *       AFTER_CASE_CLOSED (MEDIUM) when the status at t is a closed one, else WHILE_CASE_OPEN (HIGH);</li>
 *   <li>severity CRITICAL when the named report's offence is critical; delayHours = whole hours from the named
 *       report's reportedAt to t, rounded down; soonAfterClosure when closed and
 *       {@code t <= closedAt + patternAfterClosureWindow}.</li>
 * </ul>
 */
public final class PersonRules {

  private PersonRules() {
  }

  public static boolean isImmigrationRecipient(Recipient r) {
    return r == Recipient.IMMIGRATION_ENFORCEMENT || r == Recipient.BORDER_FORCE
        || r == Recipient.UK_VISAS_AND_IMMIGRATION;
  }

  /** Whether a flow is one any person rule can fire on (only those reach the person-keyed state). */
  public static boolean isCandidate(PncReason reason, Recipient recipient) {
    return reason == PncReason.IMMIGRATION_STATUS || isImmigrationRecipient(recipient);
  }

  /**
   * The decision on {@code flow}, or empty.
   *
   * @param grants   the person's grants (any order; REPORTING_PERSON grants are ignored)
   * @param statuses the status changes of the person's protected reports (any order)
   */
  public static Optional<Decision> decide(PersonFact flow, Iterable<PersonFact> grants, Iterable<PersonFact> statuses,
                                          RuleSettings rules) {
    long t = flow.time;
    PersonFact named = null;
    boolean mixed = false;
    for (PersonFact g : grants) {
      if (!(g.time <= t && t <= g.time + rules.lookbackMillis)) {
        continue;
      }
      if (g.role == Role.SUSPECT || g.role == Role.OFFENDER) {
        mixed = true;
      } else if (g.role == Role.VICTIM || g.role == Role.WITNESS) {
        if (named == null || g.time > named.time || (g.time == named.time && g.reportId.compareTo(named.reportId) > 0)) {
          named = g;
        }
      }
    }
    if (named == null) {
      return Optional.empty();
    }
    Decision d = new Decision();
    d.triggeringEventId = flow.eventId;
    d.force = flow.force;
    d.eventTime = t;
    d.personRef = flow.personRef;
    d.reportId = named.reportId;
    d.mixedRoles = mixed;
    d.offence = named.offence;
    boolean critical = rules.isCritical(named.offence);
    if (!flow.isDisclosure()) {
      if (flow.reason != PncReason.IMMIGRATION_STATUS) {
        return Optional.empty();
      }
      d.rule = Rule.PNC_IMMIGRATION_CHECK;
      d.severity = critical ? Severity.CRITICAL : Severity.HIGH;
      return Optional.of(d);
    }
    if (!isImmigrationRecipient(flow.recipient)) {
      return Optional.empty();
    }
    d.delayHours = Math.floorDiv(t - named.time, 3_600_000L);
    d.channel = flow.channel;
    d.recipient = flow.recipient;
    if (t <= named.time + rules.immediateWindowMillis) {
      d.rule = Rule.SHARED_AT_REPORT;
      d.severity = critical ? Severity.CRITICAL : Severity.HIGH;
      return Optional.of(d);
    }
    PersonFact status = statusAt(statuses, named.reportId, t);
    boolean closed = status != null && rules.isClosed(status.status);
    d.rule = Rule.DELAYED_SHARING;
    d.phase = closed ? Phase.AFTER_CASE_CLOSED : Phase.WHILE_CASE_OPEN;
    d.severity = critical ? Severity.CRITICAL : closed ? Severity.MEDIUM : Severity.HIGH;
    d.soonAfterClosure = closed && t <= status.time + rules.patternAfterClosureWindowMillis;
    return Optional.of(d);
  }

  static PersonFact statusAt(Iterable<PersonFact> statuses, String reportId, long t) {
    PersonFact best = null;
    for (PersonFact s : statuses) {
      if (!s.reportId.equals(reportId) || s.time > t) {
        continue;
      }
      if (best == null || s.time > best.time || (s.time == best.time && s.eventId.compareTo(best.eventId) > 0)) {
        best = s;
      }
    }
    return best;
  }
}
