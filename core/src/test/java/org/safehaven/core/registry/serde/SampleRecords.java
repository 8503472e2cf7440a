package org.safehaven.core.registry.serde;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RejectionStage;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * One realistic record of every type that travels on a topic, following the worked example of the
 * domain page: a Kent domestic-abuse report, an immigration-status PNC check on the victim, the case
 * closing, and a disclosure to Immigration Enforcement weeks later. Published in core's test-jar: the
 * system tests send the same records through a real broker and registry.
 */
public final class SampleRecords {

  public static final String VICTIM = "ph_" + "3f9a".repeat(16);
  public static final String SUSPECT = "ph_" + "b7c1".repeat(16);
  public static final Instant REPORTED = Instant.parse("2026-05-01T12:00:00Z");

  /** A record and the topic it belongs on. */
  public record Sample(String topic, SpecificRecord record) {
    @Override
    public String toString() {
      return record.getSchema().getName();
    }
  }

  public static List<Sample> all() {
    return List.of(
        new Sample(Topics.CRIME_REPORTS.name(), crimeReported()),
        new Sample(Topics.PNC_QUERIES.name(), pncQuery()),
        new Sample(Topics.DISCLOSURES.name(), disclosure()),
        new Sample(Topics.CASE_STATUS.name(), caseStatus()),
        new Sample(Topics.PERSON_ROLES.name(), personRoles()),
        new Sample(Topics.LINEAGE.name(), lineage()),
        new Sample(Topics.ALERTS.name(), alert()),
        new Sample(Topics.METRICS.name(), metrics()),
        new Sample(Topics.DEAD_LETTERS.name(), deadLetter()));
  }

  /** PncQuery as first released, without queryId, officerId or reportId: for schema-evolution tests. */
  public static org.apache.avro.Schema pncQueryV1() {
    return new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"PncQuery","namespace":"org.safehaven.schema","fields":[
          {"name":"eventId","type":"string"},
          {"name":"force","type":"string"},
          {"name":"queriedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"personRef","type":"string"},
          {"name":"reason","type":{"type":"enum","name":"PncReason","symbols":
            ["CRIME_INVESTIGATION","INTELLIGENCE","STOP","TRAFFIC","ARREST","CUSTODY","WARRANT_CHECK",
             "SAFEGUARDING","IMMIGRATION_STATUS","ADMIN"],"default":"ADMIN"}},
          {"name":"acceptedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
  }

  public static CrimeReported crimeReported() {
    return CrimeReported.newBuilder()
        .setEventId("e-1").setForce("kent").setReportId("KENT-2026-000123")
        .setOccurredAt(Instant.parse("2026-05-01T09:00:00Z")).setReportedAt(REPORTED)
        .setOffence(Offence.DOMESTIC_ABUSE)
        .setPersons(List.of(new ReportedPerson(VICTIM, Role.VICTIM), new ReportedPerson(SUSPECT, Role.SUSPECT)))
        .setAcceptedAt(Instant.parse("2026-05-01T12:00:00.250Z"))
        .build();
  }

  public static PncQuery pncQuery() {
    return PncQuery.newBuilder()
        .setEventId("e-2").setForce("kent").setQueryId("Q-9")
        .setQueriedAt(Instant.parse("2026-05-01T13:10:00Z")).setOfficerId("KENT-O-5531")
        .setPersonRef(VICTIM).setReason(PncReason.IMMIGRATION_STATUS).setReportId("KENT-2026-000123")
        .setAcceptedAt(Instant.parse("2026-05-01T13:10:00.120Z"))
        .build();
  }

  public static Disclosure disclosure() {
    return Disclosure.newBuilder()
        .setEventId("e-3").setForce("kent").setDisclosureId("D-4")
        .setDisclosedAt(Instant.parse("2026-06-20T10:00:00Z")).setPersonRef(VICTIM)
        .setRecipient(Recipient.IMMIGRATION_ENFORCEMENT).setChannel(Channel.NCCU_PHONE)
        .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK).setOfficerId("KENT-O-5531").setReportId("KENT-2026-000123")
        .setAcceptedAt(Instant.parse("2026-06-20T10:00:00.080Z"))
        .build();
  }

  public static CaseStatus caseStatus() {
    return CaseStatus.newBuilder()
        .setEventId("e-4").setForce("kent").setReportId("KENT-2026-000123").setStatus(CaseStatusValue.CLOSED)
        .setChangedAt(Instant.parse("2026-06-10T16:00:00Z")).setAcceptedAt(Instant.parse("2026-06-10T16:00:01Z"))
        .build();
  }

  public static RoleHeld victimRole() {
    return RoleHeld.newBuilder()
        .setReportId("KENT-2026-000123").setForce("kent").setRole(Role.VICTIM).setOffence(Offence.DOMESTIC_ABUSE)
        .setReportedAt(REPORTED).setCaseStatus(CaseStatusValue.CLOSED)
        .setCaseStatusChangedAt(Instant.parse("2026-06-10T16:00:00Z"))
        .build();
  }

  public static PersonRoles personRoles() {
    RoleHeld witness = RoleHeld.newBuilder()
        .setReportId("MET-2025-884120").setForce("metropolitan").setRole(Role.WITNESS).setOffence(Offence.ROBBERY)
        .setReportedAt(Instant.parse("2025-11-03T18:30:00Z"))
        .build(); // no case_status seen yet: both case fields stay null
    return PersonRoles.newBuilder().setPersonRef(VICTIM).setRoles(List.of(victimRole(), witness)).build();
  }

  public static LineageRecord lineage() {
    return LineageRecord.newBuilder()
        .setEventId("e-3").setFlowType(FlowType.DISCLOSURE).setForce("kent").setPersonRef(VICTIM)
        .setEventTime(Instant.parse("2026-06-20T10:00:00Z")).setReportId("KENT-2026-000123")
        .setRecipient(Recipient.IMMIGRATION_ENFORCEMENT).setChannel(Channel.NCCU_PHONE)
        .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK).setImmigrationRecipient(true)
        .setProtectedRoles(List.of(victimRole())).setMixedRoles(false)
        .build();
  }

  public static Alert alert() {
    return Alert.newBuilder()
        .setAlertId("DELAYED_SHARING:e-3").setRule(Rule.DELAYED_SHARING).setSeverity(Severity.CRITICAL)
        .setForce("kent").setPersonRef(VICTIM).setReportId("KENT-2026-000123").setTriggeringEventId("e-3")
        .setEventTime(Instant.parse("2026-06-20T10:00:00Z")).setDetectedAt(Instant.parse("2026-06-20T10:00:00.412Z"))
        .setDelayHours(1174L).setPhase(Phase.AFTER_CASE_CLOSED).setMixedRoles(false)
        .setOffence(Offence.DOMESTIC_ABUSE).setChannel(Channel.NCCU_PHONE).setRecipient(Recipient.IMMIGRATION_ENFORCEMENT)
        .setPolicyVersion("2026-05-01")
        .build();
  }

  public static ForceDayMetrics metrics() {
    return ForceDayMetrics.newBuilder()
        .setForce("kent").setDay(LocalDate.parse("2026-06-20"))
        .setCrimeReports(412).setVictimsAndWitnesses(389).setPncQueries(5120).setPncImmigrationQueries(3)
        .setDisclosuresByRecipient(Map.of("IMMIGRATION_ENFORCEMENT", 2L, "SOCIAL_SERVICES", 14L))
        .setDisclosuresByChannel(Map.of("NCCU_PHONE", 1L, "NCCU_EMAIL", 1L, "LETTER", 14L))
        .setAlertsByRule(Map.of("DELAYED_SHARING", 1L))
        .setDelayHoursP50(212.5).setDelayHoursP90(1174.0)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.HTTP).setReason("role must be one of VICTIM, WITNESS, SUSPECT, OFFENDER, REPORTING_PERSON")
        .setFieldPath("$.persons[1].role").setRule("enum").setEventId("e-77").setForce("kent")
        .setPayload("{\"type\":\"crime_reported\",\"persons\":[{\"personRef\":\"" + VICTIM + "\",\"role\":\"VICTM\"}]}")
        .setRejectedAt(Instant.parse("2026-05-02T08:15:00Z"))
        .build();
  }

  private SampleRecords() {}
}
