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

  public static LineageRecord flowOf(PncQuery q) {
    return LineageRecord.newBuilder()
        .setEventId(q.getEventId())
        .setFlowType(FlowType.PNC_QUERY)
        .setForce(q.getForce())
        .setPersonRef(q.getPersonRef())
        .setEventTime(q.getQueriedAt())
        .setReportId(q.getReportId())
        .setPncReason(q.getReason())
        .setImmigrationRecipient(false)
        .setProtectedRoles(List.of())
        .setMixedRoles(false)
        .build();
  }

  public static LineageRecord flowOf(Disclosure d) {
    return LineageRecord.newBuilder()
        .setEventId(d.getEventId())
        .setFlowType(FlowType.DISCLOSURE)
        .setForce(d.getForce())
        .setPersonRef(d.getPersonRef())
        .setEventTime(d.getDisclosedAt())
        .setReportId(d.getReportId())
        .setRecipient(d.getRecipient())
        .setChannel(d.getChannel())
        .setPurpose(d.getPurpose())
        .setImmigrationRecipient(IMMIGRATION_RECIPIENTS.contains(d.getRecipient()))
        .setProtectedRoles(List.of())
        .setMixedRoles(false)
        .build();
  }

  /** The flow with its tags recomputed from the person's roles. */
  public static LineageRecord tag(LineageRecord flow, List<RoleHeld> roles, Policy policy) {
    long t = flow.getEventTime().toEpochMilli();
    List<RoleHeld> held = RolesAt.protectedRoles(roles, t, policy.lookback());
    List<RoleHeld> asAtEvent = new ArrayList<>(held.size());
    for (RoleHeld r : held) {
      boolean statusKnownThen = r.getCaseStatusChangedAt() != null && r.getCaseStatusChangedAt().toEpochMilli() <= t;
      asAtEvent.add(statusKnownThen ? r : RoleHeld.newBuilder(r).setCaseStatus(null).setCaseStatusChangedAt(null).build());
    }
    boolean mixed = !held.isEmpty() && RolesAt.suspectOrOffender(roles, t, policy.lookback());
    return LineageRecord.newBuilder(flow).setProtectedRoles(asAtEvent).setMixedRoles(mixed).build();
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
