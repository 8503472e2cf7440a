package org.safehaven.it.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** Records as the processors write them, for the indexer and API tests. */
public final class Samples {

  private Samples() {}

  /** A personRef (ph_ + 64 hex) derived from a label, so tests can name people. */
  public static String ref(String label) {
    byte[] b = UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString()
        .getBytes(StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(b);
    return "ph_" + (hex + hex).substring(0, 64);
  }

  public static String alertId(Rule rule, String eventId) {
    return UUID.nameUUIDFromBytes((rule.name() + "|" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static Alert alert(Rule rule, Severity severity, String force, String eventId, String person,
                            String reportId, Instant at, Long delayHours, Phase phase, Offence offence) {
    return Alert.newBuilder()
        .setAlertId(alertId(rule, eventId))
        .setRule(rule)
        .setSeverity(severity)
        .setForce(force)
        .setPersonRef(person == null ? null : ref(person))
        .setReportId(reportId)
        .setTriggeringEventId(eventId)
        .setEventTime(at)
        .setDetectedAt(at.plusMillis(412))
        .setDelayHours(delayHours)
        .setPhase(phase)
        .setMixedRoles(false)
        .setOffence(offence)
        .setChannel(rule == Rule.PNC_IMMIGRATION_CHECK ? null : Channel.NCCU_PHONE)
        .setRecipient(rule == Rule.PNC_IMMIGRATION_CHECK ? null : Recipient.IMMIGRATION_ENFORCEMENT)
        .setPolicyVersion("test")
        .build();
  }

  /**
   * Another revision of an alert, as the rules write a correction: the same alertId, the given revision, a
   * later detectedAt; the caller changes what the correction says.
   */
  public static Alert revision(Alert a, int revision) {
    return Alert.newBuilder(a).setRevision(revision)
        .setDetectedAt(a.getDetectedAt().plusSeconds(60L * (revision - a.getRevision()))).build();
  }

  /** n alerts of one force, distinct ids, spread over hours from a start. */
  public static List<Alert> alerts(String force, int n, Instant start) {
    List<Alert> out = new ArrayList<>();
    Rule[] rules = Rule.values();
    for (int i = 0; i < n; i++) {
      Rule rule = rules[i % 3];
      out.add(alert(rule, Severity.HIGH, force, force + "-e-" + i + "-" + start.toEpochMilli(), "p" + i, "R-" + i,
          start.plusSeconds(3600L * i), rule == Rule.DELAYED_SHARING ? (long) (100 + i) : null,
          rule == Rule.DELAYED_SHARING ? Phase.WHILE_CASE_OPEN : null, Offence.DOMESTIC_ABUSE));
    }
    return out;
  }

  public static RoleHeld victim(String reportId, String force, Offence offence, Instant reportedAt) {
    return RoleHeld.newBuilder().setReportId(reportId).setForce(force).setRole(Role.VICTIM).setOffence(offence)
        .setReportedAt(reportedAt).setCaseStatus(CaseStatusValue.OPEN).build();
  }

  public static LineageRecord disclosure(String eventId, String force, String person, Instant at, String reportId,
                                         Recipient recipient, Channel channel, List<RoleHeld> roles) {
    return LineageRecord.newBuilder()
        .setEventId(eventId).setFlowType(FlowType.DISCLOSURE).setForce(force).setPersonRef(ref(person))
        .setEventTime(at).setReportId(reportId).setRecipient(recipient).setChannel(channel)
        .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK)
        .setImmigrationRecipient(recipient.ordinal() <= Recipient.UK_VISAS_AND_IMMIGRATION.ordinal())
        .setProtectedRoles(roles).setMixedRoles(false).build();
  }

  public static LineageRecord pncCheck(String eventId, String force, String person, Instant at, String reportId,
                                       PncReason reason, List<RoleHeld> roles) {
    return LineageRecord.newBuilder()
        .setEventId(eventId).setFlowType(FlowType.PNC_QUERY).setForce(force).setPersonRef(ref(person))
        .setEventTime(at).setReportId(reportId).setPncReason(reason)
        .setProtectedRoles(roles).setMixedRoles(false).build();
  }

  public static CrimeReported report(String eventId, String force, String reportId, Instant at, Offence offence,
                                     String victim, String suspect) {
    return CrimeReported.newBuilder()
        .setEventId(eventId).setForce(force).setReportId(reportId).setOccurredAt(at.minusSeconds(3600))
        .setReportedAt(at).setOffence(offence)
        .setPersons(List.of(new ReportedPerson(ref(victim), Role.VICTIM), new ReportedPerson(ref(suspect), Role.SUSPECT)))
        .setAcceptedAt(at).build();
  }

  public static CaseStatus caseStatus(String eventId, String force, String reportId, CaseStatusValue status,
                                      Instant at) {
    return CaseStatus.newBuilder().setEventId(eventId).setForce(force).setReportId(reportId).setStatus(status)
        .setChangedAt(at).setAcceptedAt(at).build();
  }

  public static ForceDayMetrics metrics(String force, LocalDate day, long reports, long disclosuresToIe,
                                        long delayed) {
    return ForceDayMetrics.newBuilder()
        .setForce(force).setDay(day).setCrimeReports(reports).setVictimsAndWitnesses(reports / 2)
        .setPncQueries(reports * 7).setPncImmigrationQueries(3)
        .setDisclosuresByRecipient(Map.of("IMMIGRATION_ENFORCEMENT", disclosuresToIe, "CPS", 40L))
        .setDisclosuresByChannel(Map.of("NCCU_PHONE", disclosuresToIe))
        .setAlertsByRule(Map.of("DELAYED_SHARING", delayed))
        .setDelayHoursP50(delayed > 0 ? 400.0 : null)
        .setDelayHoursP90(delayed > 0 ? 900.0 : null)
        .build();
  }
}
