package org.safehaven.generator.key;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The specification's four rules as a plain batch computation over a set of events: the reference that the
 * stream processors of later issues are tested against. Written for clarity, not speed; it sees all events
 * at once, so arrival order cannot matter. The interpretation below is the contract the processors must
 * agree with.
 *
 * <h2>Events</h2>
 * <ul>
 *   <li>Events are identified by {@code eventId}: a second event with an eventId already seen is a duplicate
 *       and ignored (the first occurrence, in input order, counts). So every alert is raised once per
 *       (rule, triggeringEventId).</li>
 *   <li>Reports are identified by {@code reportId} alone (not by force); a case_status event applies to the
 *       report with its reportId.</li>
 *   <li>All times are event times: {@code reportedAt}, {@code changedAt}, {@code queriedAt},
 *       {@code disclosedAt}. Every window is inclusive at both ends.</li>
 * </ul>
 *
 * <h2>Roles</h2>
 * <ul>
 *   <li>Each person entry of a crime report is a role grant: (reportId, report's force, role, offence,
 *       reportedAt). A grant is <b>active at t</b> when {@code reportedAt <= t <= reportedAt + lookback}. A
 *       report made after t gives no role at t (a disclosure before the report is not a breach of it).</li>
 *   <li>A <b>protected</b> grant has role VICTIM or WITNESS. SUSPECT, OFFENDER and REPORTING_PERSON are not
 *       protected; a person whose only active grants are those triggers no alert.</li>
 *   <li>The <b>named report</b> of a flow at t is the active protected grant with the latest
 *       {@code reportedAt}, whatever force made it (ties: the greatest reportId in string order). The
 *       reportId the flow itself cites is ignored.</li>
 *   <li>{@code mixedRoles} is true when the person also has an active SUSPECT or OFFENDER grant at t, from
 *       any report (including the named one).</li>
 *   <li>The <b>case status at t</b> of a report is the status of its case_status event with the latest
 *       {@code changedAt <= t} (ties: the greatest eventId); with none, the case is open.</li>
 * </ul>
 *
 * <h2>Rules</h2> Each alert belongs to the force of the query or disclosure. Its severity is CRITICAL when
 * the named report's offence is one of the policy's criticalOffences, else as below.
 * <ul>
 *   <li><b>PNC_IMMIGRATION_CHECK</b>: a pnc_query with reason IMMIGRATION_STATUS whose person has a named
 *       report at queriedAt. HIGH. eventTime = queriedAt; reportId and offence of the named report;
 *       delayHours, phase, channel, recipient null.</li>
 *   <li>A disclosure to an immigration recipient (IMMIGRATION_ENFORCEMENT, BORDER_FORCE,
 *       UK_VISAS_AND_IMMIGRATION) whose person has a named report at disclosedAt gives exactly one of:
 *       <ul>
 *         <li><b>SHARED_AT_REPORT</b> when {@code disclosedAt <= reportedAt + immediateWindow} (of the named
 *             report). HIGH. phase null;</li>
 *         <li><b>DELAYED_SHARING</b> otherwise. phase AFTER_CASE_CLOSED when the named report's case status at
 *             disclosedAt is one of the policy's closedStatuses (MEDIUM), else WHILE_CASE_OPEN (HIGH).</li>
 *       </ul>
 *       Both carry delayHours = whole hours from the named report's reportedAt to disclosedAt, rounded down,
 *       and the disclosure's channel and recipient; eventTime = disclosedAt.</li>
 *   <li><b>SYSTEMATIC_DEFERRAL</b>, per force over its DELAYED_SHARING alerts ordered by (disclosedAt, eventId).
 *       Such a disclosure is <i>soon after closure</i> when the named report's case status at disclosedAt is
 *       closed and {@code closedAt <= disclosedAt <= closedAt + patternAfterClosureWindow}, closedAt being
 *       the changedAt of that status event. For each delayed disclosure d at t, in order, the window is the
 *       force's delayed disclosures up to and including d with disclosedAt in {@code [t - patternWindow, t]};
 *       it fires when the window holds at least patternMinDisclosures, strictly more than
 *       patternAfterClosureShare of them soon after closure ({@link Policy#patternMet}), and the force has
 *       no SYSTEMATIC_DEFERRAL with eventTime later than {@code t - patternWindow}. The alert: MEDIUM (never
 *       raised to CRITICAL), triggeringEventId = d's eventId, eventTime = t, mixedRoles false,
 *       windowDisclosures and windowAfterClosure the two counts; no person, report, offence, delay, phase,
 *       channel or recipient.</li>
 * </ul>
 */
public final class ReferenceRules {

  public static final Set<Recipient> IMMIGRATION_RECIPIENTS = Set.copyOf(EnumSet.of(
      Recipient.IMMIGRATION_ENFORCEMENT, Recipient.BORDER_FORCE, Recipient.UK_VISAS_AND_IMMIGRATION));
  private static final Set<Role> PROTECTED = Set.copyOf(EnumSet.of(Role.VICTIM, Role.WITNESS));
  private static final Set<Role> SUSPECTED = Set.copyOf(EnumSet.of(Role.SUSPECT, Role.OFFENDER));

  private final Policy policy;

  public ReferenceRules(Policy policy) {
    this.policy = policy;
  }

  /** A role a person holds from one report. */
  private record Grant(String reportId, Role role, Offence offence, Instant reportedAt) {
  }

  /** A DELAYED_SHARING disclosure, as SYSTEMATIC_DEFERRAL counts it. */
  private record Delayed(String eventId, Instant disclosedAt, boolean soonAfterClosure) {
  }

  /** Every alert the events must raise, in {@link KeyAlert#ORDER}. */
  public List<KeyAlert> evaluate(Collection<? extends KeyEvent> events) {
    Map<String, KeyEvent> unique = new LinkedHashMap<>();
    for (KeyEvent e : events) {
      unique.putIfAbsent(e.eventId(), e);
    }
    Map<String, List<Grant>> grants = new HashMap<>();
    Map<String, List<KeyEvent.StatusChange>> statuses = new HashMap<>();
    List<KeyEvent.Check> checks = new ArrayList<>();
    List<KeyEvent.Disclosed> disclosures = new ArrayList<>();
    for (KeyEvent e : unique.values()) {
      if (e instanceof KeyEvent.Report r) {
        for (KeyEvent.Person p : r.persons()) {
          grants.computeIfAbsent(p.personId(), k -> new ArrayList<>())
              .add(new Grant(r.reportId(), p.role(), r.offence(), r.reportedAt()));
        }
      } else if (e instanceof KeyEvent.StatusChange s) {
        statuses.computeIfAbsent(s.reportId(), k -> new ArrayList<>()).add(s);
      } else if (e instanceof KeyEvent.Check c) {
        checks.add(c);
      } else if (e instanceof KeyEvent.Disclosed d) {
        disclosures.add(d);
      }
    }

    List<KeyAlert> alerts = new ArrayList<>();
    for (KeyEvent.Check c : checks) {
      if (c.reason() != PncReason.IMMIGRATION_STATUS) {
        continue;
      }
      List<Grant> held = grants.getOrDefault(c.personId(), List.of());
      Grant named = namedReport(held, c.queriedAt());
      if (named == null) {
        continue;
      }
      alerts.add(new KeyAlert(Rule.PNC_IMMIGRATION_CHECK, c.eventId(), c.force(), severity(named, Severity.HIGH),
          named.reportId(), c.queriedAt(), null, null, mixedRoles(held, c.queriedAt()), named.offence(), null, null,
          null, null));
    }

    Map<String, List<Delayed>> delayedByForce = new TreeMap<>();
    for (KeyEvent.Disclosed d : disclosures) {
      if (!IMMIGRATION_RECIPIENTS.contains(d.recipient())) {
        continue;
      }
      List<Grant> held = grants.getOrDefault(d.personId(), List.of());
      Instant t = d.disclosedAt();
      Grant named = namedReport(held, t);
      if (named == null) {
        continue;
      }
      long delayHours = Duration.between(named.reportedAt(), t).toHours();
      boolean mixed = mixedRoles(held, t);
      if (!t.isAfter(named.reportedAt().plus(policy.immediateWindow()))) {
        alerts.add(new KeyAlert(Rule.SHARED_AT_REPORT, d.eventId(), d.force(), severity(named, Severity.HIGH),
            named.reportId(), t, delayHours, null, mixed, named.offence(), d.channel(), d.recipient(), null, null));
        continue;
      }
      KeyEvent.StatusChange status = statusAt(statuses.getOrDefault(named.reportId(), List.of()), t);
      boolean closed = status != null && policy.isClosed(status.status());
      alerts.add(new KeyAlert(Rule.DELAYED_SHARING, d.eventId(), d.force(),
          severity(named, closed ? Severity.MEDIUM : Severity.HIGH), named.reportId(), t, delayHours,
          closed ? Phase.AFTER_CASE_CLOSED : Phase.WHILE_CASE_OPEN, mixed, named.offence(), d.channel(),
          d.recipient(), null, null));
      boolean soon = closed && !t.isAfter(status.changedAt().plus(policy.patternAfterClosureWindow()));
      delayedByForce.computeIfAbsent(d.force(), k -> new ArrayList<>()).add(new Delayed(d.eventId(), t, soon));
    }

    for (Map.Entry<String, List<Delayed>> force : delayedByForce.entrySet()) {
      alerts.addAll(systematicDeferral(force.getKey(), force.getValue()));
    }
    alerts.sort(KeyAlert.ORDER);
    return alerts;
  }

  private List<KeyAlert> systematicDeferral(String force, List<Delayed> delayed) {
    List<Delayed> ordered = new ArrayList<>(delayed);
    ordered.sort(Comparator.comparing(Delayed::disclosedAt).thenComparing(Delayed::eventId));
    List<KeyAlert> out = new ArrayList<>();
    Instant lastFired = null;
    for (int i = 0; i < ordered.size(); i++) {
      Delayed d = ordered.get(i);
      Instant windowStart = d.disclosedAt().minus(policy.patternWindow());
      int count = 0;
      int soon = 0;
      for (int j = 0; j <= i; j++) {
        Delayed w = ordered.get(j);
        if (!w.disclosedAt().isBefore(windowStart)) {
          count++;
          if (w.soonAfterClosure()) {
            soon++;
          }
        }
      }
      boolean quiet = lastFired == null || !lastFired.isAfter(windowStart);
      if (quiet && policy.patternMet(count, soon)) {
        out.add(new KeyAlert(Rule.SYSTEMATIC_DEFERRAL, d.eventId(), force, Severity.MEDIUM, null, d.disclosedAt(),
            null, null, false, null, null, null, count, soon));
        lastFired = d.disclosedAt();
      }
    }
    return out;
  }

  private boolean active(Grant g, Instant t) {
    return !t.isBefore(g.reportedAt()) && !t.isAfter(g.reportedAt().plus(policy.lookback()));
  }

  private Grant namedReport(List<Grant> held, Instant t) {
    Grant best = null;
    for (Grant g : held) {
      if (!PROTECTED.contains(g.role()) || !active(g, t)) {
        continue;
      }
      if (best == null || g.reportedAt().isAfter(best.reportedAt())
          || (g.reportedAt().equals(best.reportedAt()) && g.reportId().compareTo(best.reportId()) > 0)) {
        best = g;
      }
    }
    return best;
  }

  private boolean mixedRoles(List<Grant> held, Instant t) {
    for (Grant g : held) {
      if (SUSPECTED.contains(g.role()) && active(g, t)) {
        return true;
      }
    }
    return false;
  }

  private static KeyEvent.StatusChange statusAt(List<KeyEvent.StatusChange> changes, Instant t) {
    KeyEvent.StatusChange best = null;
    for (KeyEvent.StatusChange s : changes) {
      if (s.changedAt().isAfter(t)) {
        continue;
      }
      if (best == null || s.changedAt().isAfter(best.changedAt())
          || (s.changedAt().equals(best.changedAt()) && s.eventId().compareTo(best.eventId()) > 0)) {
        best = s;
      }
    }
    return best;
  }

  private Severity severity(Grant named, Severity otherwise) {
    return policy.isCritical(named.offence()) ? Severity.CRITICAL : otherwise;
  }
}
