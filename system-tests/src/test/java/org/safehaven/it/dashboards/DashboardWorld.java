package org.safehaven.it.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safehaven.core.alert.AlertIds;
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

/**
 * The small, known world the dashboard's browser tests look at, in the platform's own records, dated in the
 * last three weeks (the pages' default period is the last 30 days). Nothing random: every count below is
 * what the pages must show.
 *
 * <ul>
 *   <li>The lineage chain of {@link #KENT_REPORT} (domestic abuse, victim {@link #KENT_VICTIM} and a
 *       suspect), reported 20 days ago at 09:00: a PNC immigration-status check 3 h later (alert
 *       PNC_IMMIGRATION_CHECK, CRITICAL), the case closed after 10 days, and a disclosure to Immigration
 *       Enforcement 14 days and 1 hour after the report (alert DELAYED_SHARING, 337 h, after the case
 *       closed, CRITICAL).</li>
 *   <li>{@link #ESSEX_REPORT} (robbery): a disclosure 5 days after (DELAYED_SHARING, 120 h, HIGH).</li>
 *   <li>Bulk flows (disclosures to immigration recipients / PNC immigration checks): kent 17/11 plus its
 *       chain's 1/1, metropolitan 14/4, essex 3/2 plus its chain's 1/0, west-midlands 6/0.</li>
 *   <li>Bulk alerts: kent 12 DELAYED_SHARING, 3 PNC_IMMIGRATION_CHECK, 1 SHARED_AT_REPORT (plus its chain's
 *       2: 18 in all); metropolitan 10 DELAYED_SHARING and 2 SHARED_AT_REPORT (12); essex 2 DELAYED_SHARING
 *       and 1 SYSTEMATIC_DEFERRAL (plus its chain's 1: 4); west-midlands 3 PNC_IMMIGRATION_CHECK (3).</li>
 *   <li>Daily metrics per force and day that has flows, counted from the flows above, as the Flink job writes
 *       them: no alert counts (the API computes every alert count from the alerts index). A day with alerts
 *       and no flows has no metrics document; the API still gives it a row.</li>
 * </ul>
 */
final class DashboardWorld {

  static final String KENT_REPORT = "KENT-2026-000123";
  static final String ESSEX_REPORT = "ESSEX-2026-000456";
  static final String KENT_VICTIM = ref("kent-victim");
  static final String KENT_SUSPECT = ref("kent-suspect");
  static final String ESSEX_VICTIM = ref("essex-victim");
  /** The delay of the chain's disclosure, in hours: 14 days and 1 hour. */
  static final long KENT_DELAY_HOURS = 14 * 24 + 1;

  static final Map<String, Integer> ALERTS_PER_FORCE = Map.of("kent", 18, "metropolitan", 12, "essex", 4,
      "west-midlands", 3);

  final Instant reportedAt;
  final List<CrimeReported> reports = new ArrayList<>();
  final List<CaseStatus> statuses = new ArrayList<>();
  final List<LineageRecord> flows = new ArrayList<>();
  final List<Alert> alerts = new ArrayList<>();
  final List<ForceDayMetrics> metrics = new ArrayList<>();
  /** The chain's DELAYED_SHARING alert id (kent). */
  final String kentChainAlertId;
  /** An essex alert id (the essex chain's DELAYED_SHARING). */
  final String essexChainAlertId;

  private final Instant start;

  /** @param now the clock of the run: everything lies in the 20 days before it */
  DashboardWorld(Instant now) {
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    this.start = today.minus(Duration.ofDays(20));
    this.reportedAt = start.plus(Duration.ofHours(9));

    // The kent chain.
    RoleHeld kentRole = role(KENT_REPORT, "kent", Offence.DOMESTIC_ABUSE, reportedAt, null, null);
    reports.add(report("ev-kent-report", "kent", KENT_REPORT, Offence.DOMESTIC_ABUSE, reportedAt,
        List.of(new ReportedPerson(KENT_VICTIM, Role.VICTIM), new ReportedPerson(KENT_SUSPECT, Role.SUSPECT))));
    Instant checked = reportedAt.plus(Duration.ofHours(3));
    flows.add(pncCheck("ev-kent-check", "kent", KENT_VICTIM, checked, KENT_REPORT, List.of(kentRole)));
    alerts.add(alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent", "ev-kent-check", KENT_VICTIM, KENT_REPORT,
        checked, null, null, Offence.DOMESTIC_ABUSE, null, null));
    Instant closed = reportedAt.plus(Duration.ofDays(10));
    statuses.add(CaseStatus.newBuilder().setEventId("ev-kent-closed").setForce("kent").setReportId(KENT_REPORT)
        .setStatus(CaseStatusValue.CLOSED).setChangedAt(closed).setAcceptedAt(closed).build());
    Instant disclosed = reportedAt.plus(Duration.ofHours(KENT_DELAY_HOURS));
    RoleHeld kentClosed = role(KENT_REPORT, "kent", Offence.DOMESTIC_ABUSE, reportedAt, CaseStatusValue.CLOSED, closed);
    flows.add(disclosure("ev-kent-disclosure", "kent", KENT_VICTIM, disclosed, KENT_REPORT,
        Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, List.of(kentClosed)));
    Alert chain = alert(Rule.DELAYED_SHARING, Severity.CRITICAL, "kent", "ev-kent-disclosure", KENT_VICTIM, KENT_REPORT,
        disclosed, KENT_DELAY_HOURS, Phase.AFTER_CASE_CLOSED, Offence.DOMESTIC_ABUSE, Recipient.IMMIGRATION_ENFORCEMENT,
        Channel.NCCU_PHONE);
    alerts.add(chain);
    kentChainAlertId = chain.getAlertId();

    // The essex chain.
    Instant essexReported = start.plus(Duration.ofDays(2)).plus(Duration.ofHours(14));
    RoleHeld essexRole = role(ESSEX_REPORT, "essex", Offence.ROBBERY, essexReported, null, null);
    reports.add(report("ev-essex-report", "essex", ESSEX_REPORT, Offence.ROBBERY, essexReported,
        List.of(new ReportedPerson(ESSEX_VICTIM, Role.VICTIM))));
    Instant essexDisclosed = essexReported.plus(Duration.ofHours(120));
    flows.add(disclosure("ev-essex-disclosure", "essex", ESSEX_VICTIM, essexDisclosed, ESSEX_REPORT,
        Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_EMAIL, List.of(essexRole)));
    Alert essexChain = alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "ev-essex-disclosure", ESSEX_VICTIM,
        ESSEX_REPORT, essexDisclosed, 120L, Phase.WHILE_CASE_OPEN, Offence.ROBBERY, Recipient.IMMIGRATION_ENFORCEMENT,
        Channel.NCCU_EMAIL);
    alerts.add(essexChain);
    essexChainAlertId = essexChain.getAlertId();

    // Bulk flows.
    bulkDisclosures("kent", 14, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
    bulkDisclosures("kent", 3, Recipient.BORDER_FORCE, Channel.NCCU_EMAIL);
    bulkChecks("kent", 11);
    bulkDisclosures("metropolitan", 12, Recipient.IMMIGRATION_ENFORCEMENT, Channel.EMBEDDED_IE_OFFICER);
    bulkDisclosures("metropolitan", 2, Recipient.UK_VISAS_AND_IMMIGRATION, Channel.LETTER);
    bulkChecks("metropolitan", 4);
    bulkDisclosures("essex", 3, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
    bulkChecks("essex", 2);
    bulkDisclosures("west-midlands", 6, Recipient.IMMIGRATION_ENFORCEMENT, Channel.OPERATION_NEXUS_CUSTODY);

    // Bulk alerts.
    bulkDelayed("kent", 12, Offence.DOMESTIC_ABUSE);
    bulkAlerts("kent", 3, Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, Offence.SEXUAL_OFFENCE);
    bulkAlerts("kent", 1, Rule.SHARED_AT_REPORT, Severity.HIGH, Offence.ROBBERY);
    bulkDelayed("metropolitan", 10, Offence.VIOLENCE_WITH_INJURY);
    bulkAlerts("metropolitan", 2, Rule.SHARED_AT_REPORT, Severity.CRITICAL, Offence.MODERN_SLAVERY);
    bulkDelayed("essex", 2, Offence.ROBBERY);
    Alert deferral = alert(Rule.SYSTEMATIC_DEFERRAL, Severity.MEDIUM, "essex", "ev-essex-bulk-delayed-1", null, null,
        start.plus(Duration.ofDays(12)), null, null, null, null, null);
    deferral.setWindowDisclosures(5);
    deferral.setWindowAfterClosure(3);
    alerts.add(deferral);
    bulkAlerts("west-midlands", 3, Rule.PNC_IMMIGRATION_CHECK, Severity.HIGH, Offence.HATE_CRIME);

    metrics.addAll(metricsOf(flows));
  }

  /** A well-formed personRef derived from a name (as ingest derives one: a SHA-256 digest, here unkeyed). */
  static String ref(String name) {
    try {
      return "ph_" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Day i of the bulk data, spread over the 18 days after the start, at a fixed hour. */
  private Instant bulkTime(int i, int hour) {
    return start.plus(Duration.ofDays(1 + (i * 7L) % 18)).plus(Duration.ofHours(hour));
  }

  private void bulkDisclosures(String force, int n, Recipient recipient, Channel channel) {
    for (int i = 0; i < n; i++) {
      String person = ref(force + "-d-" + recipient + "-" + i);
      flows.add(disclosure("ev-" + force + "-disc-" + recipient + "-" + i, force, person, bulkTime(i, 10), null,
          recipient, channel, List.of()));
    }
  }

  private void bulkChecks(String force, int n) {
    for (int i = 0; i < n; i++) {
      flows.add(pncCheck("ev-" + force + "-check-" + i, force, ref(force + "-q-" + i), bulkTime(i, 11), null, List.of()));
    }
  }

  private void bulkDelayed(String force, int n, Offence offence) {
    for (int i = 0; i < n; i++) {
      long hours = 24L * (4 + (i * 11L) % 57); // 4 to 60 days
      Phase phase = i % 3 == 0 ? Phase.AFTER_CASE_CLOSED : Phase.WHILE_CASE_OPEN;
      alerts.add(alert(Rule.DELAYED_SHARING, phase == Phase.WHILE_CASE_OPEN ? Severity.HIGH : Severity.MEDIUM, force,
          "ev-" + force + "-bulk-delayed-" + i, ref(force + "-dp-" + i), force.toUpperCase(java.util.Locale.ROOT)
              + "-2026-9" + String.format("%05d", i), bulkTime(i, 15), hours, phase, offence,
          Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE));
    }
  }

  private void bulkAlerts(String force, int n, Rule rule, Severity severity, Offence offence) {
    for (int i = 0; i < n; i++) {
      boolean disclosure = rule == Rule.SHARED_AT_REPORT;
      alerts.add(alert(rule, severity, force, "ev-" + force + "-bulk-" + rule + "-" + i, ref(force + "-ap-" + rule + i),
          force.toUpperCase(java.util.Locale.ROOT) + "-2026-8" + String.format("%05d", i), bulkTime(i, 16), null, null,
          offence, disclosure ? Recipient.IMMIGRATION_ENFORCEMENT : null, disclosure ? Channel.NCCU_PHONE : null));
    }
  }

  static Alert alert(Rule rule, Severity severity, String force, String triggeringEventId, String personRef,
                     String reportId, Instant eventTime, Long delayHours, Phase phase, Offence offence,
                     Recipient recipient, Channel channel) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(rule, force, triggeringEventId))
        .setRule(rule).setSeverity(severity).setForce(force)
        .setPersonRef(personRef).setReportId(reportId).setTriggeringEventId(triggeringEventId)
        .setEventTime(eventTime).setDetectedAt(eventTime.plusMillis(412))
        .setDelayHours(delayHours).setPhase(phase).setMixedRoles(false).setOffence(offence)
        .setChannel(channel).setRecipient(recipient).setPolicyVersion("test")
        .build();
  }

  private static RoleHeld role(String reportId, String force, Offence offence, Instant reportedAt,
                               CaseStatusValue status, Instant changedAt) {
    return RoleHeld.newBuilder().setReportId(reportId).setForce(force).setRole(Role.VICTIM).setOffence(offence)
        .setReportedAt(reportedAt).setCaseStatus(status).setCaseStatusChangedAt(changedAt).build();
  }

  private static CrimeReported report(String eventId, String force, String reportId, Offence offence,
                                      Instant reportedAt, List<ReportedPerson> persons) {
    return CrimeReported.newBuilder().setEventId(eventId).setForce(force).setReportId(reportId)
        .setOccurredAt(reportedAt.minus(Duration.ofHours(3))).setReportedAt(reportedAt).setOffence(offence)
        .setPersons(persons).setAcceptedAt(reportedAt).build();
  }

  private static LineageRecord pncCheck(String eventId, String force, String person, Instant at, String reportId,
                                        List<RoleHeld> roles) {
    return LineageRecord.newBuilder().setEventId(eventId).setFlowType(FlowType.PNC_QUERY).setForce(force)
        .setPersonRef(person).setEventTime(at).setReportId(reportId).setPncReason(PncReason.IMMIGRATION_STATUS)
        .setImmigrationRecipient(false).setProtectedRoles(roles).setMixedRoles(false).build();
  }

  private static LineageRecord disclosure(String eventId, String force, String person, Instant at, String reportId,
                                          Recipient recipient, Channel channel, List<RoleHeld> roles) {
    return LineageRecord.newBuilder().setEventId(eventId).setFlowType(FlowType.DISCLOSURE).setForce(force)
        .setPersonRef(person).setEventTime(at).setReportId(reportId).setRecipient(recipient).setChannel(channel)
        .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK).setImmigrationRecipient(true).setProtectedRoles(roles)
        .setMixedRoles(false).build();
  }

  /** One metrics record per force and day that has flows, counted from the flows; alerts are not counted in. */
  static List<ForceDayMetrics> metricsOf(List<LineageRecord> flows) {
    Map<String, ForceDayMetrics.Builder> days = new TreeMap<>();
    for (LineageRecord f : flows) {
      ForceDayMetrics.Builder m = day(days, f.getForce(), f.getEventTime());
      if (f.getFlowType() == FlowType.PNC_QUERY) {
        m.setPncQueries(m.getPncQueries() + 1);
        if (f.getPncReason() == PncReason.IMMIGRATION_STATUS) {
          m.setPncImmigrationQueries(m.getPncImmigrationQueries() + 1);
        }
      } else {
        m.getDisclosuresByRecipient().merge(f.getRecipient().name(), 1L, Long::sum);
        m.getDisclosuresByChannel().merge(f.getChannel().name(), 1L, Long::sum);
      }
    }
    List<ForceDayMetrics> out = new ArrayList<>();
    days.values().forEach(b -> out.add(b.build()));
    return out;
  }

  private static ForceDayMetrics.Builder day(Map<String, ForceDayMetrics.Builder> days, String force, Instant t) {
    LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
    return days.computeIfAbsent(force + "|" + d, k -> ForceDayMetrics.newBuilder().setForce(force).setDay(d)
        .setCrimeReports(40).setVictimsAndWitnesses(25).setPncQueries(0).setPncImmigrationQueries(0)
        .setDisclosuresByRecipient(new LinkedHashMap<>()).setDisclosuresByChannel(new LinkedHashMap<>())
        .setAlertsByRule(new LinkedHashMap<>()));
  }

  /** The rows of the metrics API over the world: each force and UTC day with flows or alerts. */
  long metricsRows() {
    java.util.Set<String> rows = new java.util.HashSet<>();
    alerts.forEach(a -> rows.add(a.getForce() + "|" + LocalDate.ofInstant(a.getEventTime(), ZoneOffset.UTC)));
    flows.forEach(f -> rows.add(f.getForce() + "|" + LocalDate.ofInstant(f.getEventTime(), ZoneOffset.UTC)));
    return rows.size();
  }

  /** Alerts the world holds for one force. */
  long alertsOf(String force) {
    return alerts.stream().filter(a -> a.getForce().equals(force)).count();
  }
}
