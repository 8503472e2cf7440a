package org.safehaven.streams.lineage;

import java.util.ArrayList;
import java.util.List;
import org.safehaven.rules.Flow;
import org.safehaven.rules.Grant;
import org.safehaven.rules.PersonRules;
import org.safehaven.rules.RuleSettings;
import org.safehaven.rules.StatusChange;
import org.safehaven.schema.CaseChange;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.RoleHeld;

/**
 * Adapts the application's Avro records to the rule kernel ({@code org.safehaven.rules}): a PNC query or a
 * disclosure becomes a {@link LineageRecord} tagged with the roles its subject holds at the flow's time, and
 * a kernel {@link Flow}; a person's {@link RoleHeld}s become kernel grants and status changes. Every
 * judgement (what counts at a time, protected, mixed roles, the status at a time) is the kernel's.
 *
 * <p>Contract of the tags: {@code protectedRoles} are the protected roles that count at the event time, most
 * recent report first, each with the case status in force at the event time (none while the case had no
 * status then), and no case history (lineage describes the flow as it happened). {@code mixedRoles} is true
 * when the person holds a protected role and also a SUSPECT or OFFENDER role that counts then.
 */
public final class LineageTagger {

  private LineageTagger() {
  }

  // The all-arguments constructors rather than the builders: this runs for every event, and Avro's builders
  // validate and deep-copy every field.

  public static LineageRecord flowOf(PncQuery q) {
    return new LineageRecord(q.getEventId(), FlowType.PNC_QUERY, q.getForce(), q.getPersonRef(), q.getQueriedAt(),
        q.getReportId(), q.getReason(), null, null, null, false, List.of(), false);
  }

  public static LineageRecord flowOf(Disclosure d) {
    return new LineageRecord(d.getEventId(), FlowType.DISCLOSURE, d.getForce(), d.getPersonRef(), d.getDisclosedAt(),
        d.getReportId(), null, d.getRecipient(), d.getChannel(), d.getPurpose(),
        PersonRules.isImmigrationRecipient(d.getRecipient()), List.of(), false);
  }

  /** The kernel's view of a flow. */
  public static Flow kernelFlow(LineageRecord f) {
    long t = f.getEventTime().toEpochMilli();
    return f.getFlowType() == FlowType.DISCLOSURE
        ? Flow.disclosure(f.getEventId(), f.getForce(), f.getPersonRef(), t, f.getRecipient(), f.getChannel())
        : Flow.query(f.getEventId(), f.getForce(), f.getPersonRef(), t, f.getPncReason());
  }

  public static Grant grant(RoleHeld r) {
    return new Grant(r.getReportId(), r.getRole(), r.getOffence(), r.getReportedAt().toEpochMilli());
  }

  public static List<Grant> grants(List<RoleHeld> roles) {
    List<Grant> out = new ArrayList<>(roles.size());
    for (RoleHeld r : roles) {
      out.add(grant(r));
    }
    return out;
  }

  /** The status changes of the person's protected reports (each report's history once). */
  public static List<StatusChange> statuses(List<RoleHeld> roles) {
    List<StatusChange> out = new ArrayList<>();
    List<String> seen = new ArrayList<>(2);
    for (RoleHeld r : roles) {
      if (!PersonRules.isProtected(r.getRole()) || seen.contains(r.getReportId())) {
        continue;
      }
      seen.add(r.getReportId());
      for (CaseChange c : r.getCaseHistory()) {
        out.add(new StatusChange(r.getReportId(), c.getEventId(), c.getStatus(), c.getChangedAt().toEpochMilli()));
      }
    }
    return out;
  }

  /** Whether the flow is one any rule can fire on (kept for the horizon and re-decided on every role change). */
  public static boolean isCandidate(LineageRecord flow) {
    return PersonRules.isCandidate(flow.getPncReason(), flow.getRecipient());
  }

  /** The flow with its tags recomputed from the person's roles. */
  public static LineageRecord tag(LineageRecord flow, List<RoleHeld> roles, RuleSettings rules) {
    long t = flow.getEventTime().toEpochMilli();
    List<RoleHeld> asAtEvent = List.of();
    boolean mixed = false;
    if (holdsProtected(roles)) {
      List<Grant> grants = grants(roles);
      List<Grant> held = PersonRules.protectedAt(grants, t, rules);
      if (!held.isEmpty()) {
        List<StatusChange> statuses = statuses(roles);
        asAtEvent = new ArrayList<>(held.size());
        for (Grant g : held) {
          RoleHeld r = roleOf(roles, g);
          StatusChange then = PersonRules.statusAt(statuses, g.reportId(), t);
          asAtEvent.add(new RoleHeld(r.getReportId(), r.getForce(), r.getRole(), r.getOffence(), r.getReportedAt(),
              then == null ? null : then.status(),
              then == null ? null : java.time.Instant.ofEpochMilli(then.changedAt()), List.of()));
        }
        mixed = PersonRules.mixedRoles(grants, t, rules);
      }
    }
    return new LineageRecord(flow.getEventId(), flow.getFlowType(), flow.getForce(), flow.getPersonRef(),
        flow.getEventTime(), flow.getReportId(), flow.getPncReason(), flow.getRecipient(), flow.getChannel(),
        flow.getPurpose(), flow.getImmigrationRecipient(), asAtEvent, mixed);
  }

  /** Whether any of the roles is a protected one (whatever its time). */
  public static boolean holdsProtected(List<RoleHeld> roles) {
    for (RoleHeld r : roles) {
      if (PersonRules.isProtected(r.getRole())) {
        return true;
      }
    }
    return false;
  }

  private static RoleHeld roleOf(List<RoleHeld> roles, Grant g) {
    for (RoleHeld r : roles) {
      if (r.getReportId().equals(g.reportId()) && r.getRole() == g.role()) {
        return r;
      }
    }
    throw new IllegalStateException("a grant without its role");
  }

  /**
   * Whether the flow belongs on the lineage topic: it touches a person with a protected role, or it is a
   * disclosure to an immigration recipient, or an IMMIGRATION_STATUS query, whoever its subject.
   */
  public static boolean isLineage(LineageRecord tagged) {
    return !tagged.getProtectedRoles().isEmpty()
        || tagged.getImmigrationRecipient()
        || tagged.getPncReason() == PncReason.IMMIGRATION_STATUS;
  }
}
