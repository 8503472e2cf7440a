package org.safehaven.indexer.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** Sample records with every field set, for document and mapping tests. */
public final class Records {

  public static final String REF = "ph_" + "ab".repeat(32);

  private Records() {}

  public static Alert delayedSharing(String alertId, String force) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setRule(Rule.DELAYED_SHARING)
        .setSeverity(Severity.HIGH)
        .setForce(force)
        .setPersonRef(REF)
        .setReportId("KENT-2026-000123")
        .setTriggeringEventId("e-3")
        .setEventTime(Instant.parse("2026-06-20T10:00:00Z"))
        .setDetectedAt(Instant.parse("2026-06-20T10:00:00.412Z"))
        .setDelayHours(1174L)
        .setPhase(Phase.AFTER_CASE_CLOSED)
        .setMixedRoles(false)
        .setOffence(Offence.DOMESTIC_ABUSE)
        .setChannel(Channel.NCCU_PHONE)
        .setRecipient(Recipient.IMMIGRATION_ENFORCEMENT)
        .setWindowDisclosures(6)
        .setWindowAfterClosure(4)
        .setPolicyVersion("2026-01")
        .build();
  }

  public static RoleHeld victimRole(String reportId, Offence offence, Instant reportedAt) {
    return RoleHeld.newBuilder()
        .setReportId(reportId)
        .setForce("kent")
        .setRole(Role.VICTIM)
        .setOffence(offence)
        .setReportedAt(reportedAt)
        .setCaseStatus(CaseStatusValue.CLOSED)
        .setCaseStatusChangedAt(reportedAt.plusSeconds(86_400))
        .build();
  }

  public static LineageRecord disclosure(String eventId, List<RoleHeld> roles, String reportId) {
    return LineageRecord.newBuilder()
        .setEventId(eventId)
        .setFlowType(FlowType.DISCLOSURE)
        .setForce("kent")
        .setPersonRef(REF)
        .setEventTime(Instant.parse("2026-06-20T10:00:00Z"))
        .setReportId(reportId)
        .setRecipient(Recipient.IMMIGRATION_ENFORCEMENT)
        .setChannel(Channel.NCCU_PHONE)
        .setPurpose(org.safehaven.schema.Purpose.IMMIGRATION_STATUS_CHECK)
        .setPncReason(org.safehaven.schema.PncReason.IMMIGRATION_STATUS)
        .setImmigrationRecipient(true)
        .setProtectedRoles(roles)
        .setMixedRoles(true)
        .build();
  }

  public static ForceDayMetrics metrics(String force, LocalDate day) {
    return ForceDayMetrics.newBuilder()
        .setForce(force)
        .setDay(day)
        .setCrimeReports(120)
        .setVictimsAndWitnesses(80)
        .setPncQueries(900)
        .setPncImmigrationQueries(3)
        .setDisclosuresByRecipient(Map.of("IMMIGRATION_ENFORCEMENT", 2L, "CPS", 14L))
        .setDisclosuresByChannel(Map.of("NCCU_PHONE", 2L, "LETTER", 14L))
        .setAlertsByRule(Map.of("DELAYED_SHARING", 1L))
        .setDelayHoursP50(400.0)
        .setDelayHoursP90(900.5)
        .build();
  }

  public static CrimeReported report(String eventId, String reportId) {
    return CrimeReported.newBuilder()
        .setEventId(eventId)
        .setForce("kent")
        .setReportId(reportId)
        .setOccurredAt(Instant.parse("2026-05-01T09:00:00Z"))
        .setReportedAt(Instant.parse("2026-05-01T12:00:00Z"))
        .setOffence(Offence.DOMESTIC_ABUSE)
        .setPersons(List.of(new ReportedPerson(REF, Role.VICTIM), new ReportedPerson("ph_" + "cd".repeat(32),
            Role.SUSPECT)))
        .setAcceptedAt(Instant.parse("2026-05-01T12:00:01Z"))
        .build();
  }

  public static CaseStatus caseStatus(String eventId, String reportId) {
    return CaseStatus.newBuilder()
        .setEventId(eventId)
        .setForce("kent")
        .setReportId(reportId)
        .setStatus(CaseStatusValue.CLOSED)
        .setChangedAt(Instant.parse("2026-06-10T16:00:00Z"))
        .setAcceptedAt(Instant.parse("2026-06-10T16:00:01Z"))
        .build();
  }
}
