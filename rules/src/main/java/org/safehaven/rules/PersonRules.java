package org.safehaven.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The person rules of the specification, once, for both engines: PNC_IMMIGRATION_CHECK, SHARED_AT_REPORT and
 * DELAYED_SHARING for one flow, given everything known about its subject. Pure functions; the same flow,
 * grants and status changes always give the same decision, whatever order they were learnt in.
 *
 * <ul>
 *   <li>A grant <b>counts at t</b> when {@code reportedAt <= t <= reportedAt + lookback}: a report made after
 *       the flow gives no role at it (a disclosure before the report is no breach of that report).</li>
 *   <li><b>Protected</b>: VICTIM or WITNESS. A person with only SUSPECT, OFFENDER or REPORTING_PERSON grants
 *       triggers nothing.</li>
 *   <li>The <b>named report</b> at t: the counting protected grant with the latest reportedAt, from any force
 *       (ties: the greatest reportId). The reportId a flow cites is not used.</li>
 *   <li><b>mixedRoles</b>: a counting SUSPECT or OFFENDER grant, from any report.</li>
 *   <li>The <b>case status at t</b> of a report: its change with the latest {@code changedAt <= t} (ties: the
 *       greatest eventId); none means open.</li>
 *   <li>PNC_IMMIGRATION_CHECK: a query with reason IMMIGRATION_STATUS and a named report. A disclosure to an
 *       immigration recipient with a named report: SHARED_AT_REPORT when {@code t <= reportedAt +
 *       immediateWindow}, else DELAYED_SHARING with phase AFTER_CASE_CLOSED (MEDIUM) when the status at t is
 *       a closed one, else WHILE_CASE_OPEN (HIGH). Both carry delayHours, the whole hours from reportedAt to
 *       t rounded down.</li>
 *   <li>Severity is CRITICAL when the named report's offence is one of the policy's critical offences. The
 *       decision belongs to the force of the flow.</li>
 *   <li>soonAfterClosure (DELAYED_SHARING): closed at t and {@code t <= closedAt + patternAfterClosureWindow}.</li>
 * </ul>
 */
public final class PersonRules {

  /** Later reportedAt first, then the greater reportId: the order in which reports are named. */
  public static final Comparator<Grant> MOST_RECENT_FIRST =
      Comparator.comparingLong(Grant::reportedAt).thenComparing(Grant::reportId).reversed();

  private PersonRules() {
  }

  public static boolean isProtected(Role role) {
    return role == Role.VICTIM || role == Role.WITNESS;
  }

  public static boolean isSuspectOrOffender(Role role) {
    return role == Role.SUSPECT || role == Role.OFFENDER;
  }

  public static boolean isImmigrationRecipient(Recipient r) {
    return r == Recipient.IMMIGRATION_ENFORCEMENT || r == Recipient.BORDER_FORCE
        || r == Recipient.UK_VISAS_AND_IMMIGRATION;
  }

  /**
   * Whether any person rule can fire on the flow: an IMMIGRATION_STATUS query or a disclosure to an
   * immigration recipient. Only these are held for re-decision when a role arrives late; they are rare.
   */
  public static boolean isCandidate(Flow flow) {
    return isCandidate(flow.reason(), flow.recipient());
  }

  public static boolean isCandidate(PncReason reason, Recipient recipient) {
    return reason == PncReason.IMMIGRATION_STATUS || isImmigrationRecipient(recipient);
  }

  public static boolean counts(Grant g, long t, RuleSettings rules) {
    return g.reportedAt() <= t && t <= g.reportedAt() + rules.lookbackMillis;
  }

  /** The protected grants that count at t, most recent report first (what lineage records carry). */
  public static List<Grant> protectedAt(Iterable<Grant> grants, long t, RuleSettings rules) {
    List<Grant> out = new ArrayList<>();
    for (Grant g : grants) {
      if (g.isProtected() && counts(g, t, rules)) {
        out.add(g);
      }
    }
    out.sort(MOST_RECENT_FIRST);
    return out;
  }

  public static Optional<Grant> namedReport(Iterable<Grant> grants, long t, RuleSettings rules) {
    Grant named = null;
    for (Grant g : grants) {
      if (g.isProtected() && counts(g, t, rules)
          && (named == null || MOST_RECENT_FIRST.compare(g, named) < 0)) {
        named = g;
      }
    }
    return Optional.ofNullable(named);
  }

  public static boolean mixedRoles(Iterable<Grant> grants, long t, RuleSettings rules) {
    for (Grant g : grants) {
      if (isSuspectOrOffender(g.role()) && counts(g, t, rules)) {
        return true;
      }
    }
    return false;
  }

  /** The status change of {@code reportId} in force at t, or null (the case is open). */
  public static StatusChange statusAt(Iterable<StatusChange> changes, String reportId, long t) {
    StatusChange best = null;
    for (StatusChange s : changes) {
      if (!s.reportId().equals(reportId) || s.changedAt() > t) {
        continue;
      }
      if (best == null || s.changedAt() > best.changedAt()
          || (s.changedAt() == best.changedAt() && s.eventId().compareTo(best.eventId()) > 0)) {
        best = s;
      }
    }
    return best;
  }

  /**
   * The decision on {@code flow}, or empty when it breaks no rule.
   *
   * @param grants   the person's grants, any order
   * @param statuses status changes of the person's reports (any order; those of other reports are ignored)
   */
  public static Optional<Decision> decide(Flow flow, Iterable<Grant> grants, Iterable<StatusChange> statuses,
                                          RuleSettings rules) {
    if (!isCandidate(flow)) {
      return Optional.empty();
    }
    long t = flow.time();
    Optional<Grant> found = namedReport(grants, t, rules);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Grant named = found.get();
    boolean mixed = mixedRoles(grants, t, rules);
    boolean critical = rules.isCritical(named.offence());
    if (!flow.isDisclosure()) {
      return Optional.of(new Decision(Rule.PNC_IMMIGRATION_CHECK, flow.force(), flow.eventId(), t,
          critical ? Severity.CRITICAL : Severity.HIGH, flow.personRef(), named.reportId(), named.offence(), null,
          null, mixed, null, null, false, null, null));
    }
    long delayHours = Math.floorDiv(t - named.reportedAt(), 3_600_000L);
    if (t <= named.reportedAt() + rules.immediateWindowMillis) {
      return Optional.of(new Decision(Rule.SHARED_AT_REPORT, flow.force(), flow.eventId(), t,
          critical ? Severity.CRITICAL : Severity.HIGH, flow.personRef(), named.reportId(), named.offence(),
          delayHours, null, mixed, flow.channel(), flow.recipient(), false, null, null));
    }
    StatusChange status = statusAt(statuses, named.reportId(), t);
    boolean closed = status != null && rules.isClosed(status.status());
    boolean soon = closed && t <= status.changedAt() + rules.patternAfterClosureWindowMillis;
    return Optional.of(new Decision(Rule.DELAYED_SHARING, flow.force(), flow.eventId(), t,
        critical ? Severity.CRITICAL : closed ? Severity.MEDIUM : Severity.HIGH, flow.personRef(),
        named.reportId(), named.offence(), delayHours, closed ? Phase.AFTER_CASE_CLOSED : Phase.WHILE_CASE_OPEN,
        mixed, flow.channel(), flow.recipient(), soon, null, null));
  }
}
