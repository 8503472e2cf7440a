package org.safehaven.streams.lineage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RoleHeld;
import org.safehaven.streams.rules.RolesAt;

/**
 * Turns a PNC query or a disclosure into a {@link LineageRecord} and tags it with the roles its subject
 * holds at the flow's event time. Pure: the same flow and roles always give the same record.
 *
 * <p>Contract of the tags: {@code protectedRoles} are the VICTIM/WITNESS roles that count at the event
 * time (lookback inclusive at both ends), most recent report first; each carries the case status only when
 * that status had been set by the event time ({@code caseStatusChangedAt <= eventTime}), because lineage
 * describes the flow as it happened. {@code mixedRoles} is true when the person holds a protected role and
 * also a SUSPECT or OFFENDER role that counts at the event time.
 */
public final class LineageTagger {

  /** The immigration recipients of domain.md. */
  public static final Set<Recipient> IMMIGRATION_RECIPIENTS = EnumSet.of(
      Recipient.IMMIGRATION_ENFORCEMENT, Recipient.BORDER_FORCE, Recipient.UK_VISAS_AND_IMMIGRATION);

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
        IMMIGRATION_RECIPIENTS.contains(d.getRecipient()), List.of(), false);
  }

  /** The flow with its tags recomputed from the person's roles. */
  public static LineageRecord tag(LineageRecord flow, List<RoleHeld> roles, Policy policy) {
    long t = flow.getEventTime().toEpochMilli();
    List<RoleHeld> held = roles.isEmpty() ? List.of() : RolesAt.protectedRoles(roles, t, policy.lookback());
    List<RoleHeld> asAtEvent = held.isEmpty() ? List.of() : new ArrayList<>(held.size());
    for (RoleHeld r : held) {
      boolean statusKnownThen = r.getCaseStatusChangedAt() != null && r.getCaseStatusChangedAt().toEpochMilli() <= t;
      asAtEvent.add(statusKnownThen ? r : new RoleHeld(r.getReportId(), r.getForce(), r.getRole(), r.getOffence(),
          r.getReportedAt(), null, null));
    }
    boolean mixed = !held.isEmpty() && RolesAt.suspectOrOffender(roles, t, policy.lookback());
    return new LineageRecord(flow.getEventId(), flow.getFlowType(), flow.getForce(), flow.getPersonRef(),
        flow.getEventTime(), flow.getReportId(), flow.getPncReason(), flow.getRecipient(), flow.getChannel(),
        flow.getPurpose(), flow.getImmigrationRecipient(), asAtEvent, mixed);
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
