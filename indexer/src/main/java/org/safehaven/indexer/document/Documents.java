package org.safehaven.indexer.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.safehaven.indexer.IndexNames;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.RoleHeld;

/**
 * Turns the platform's records into Elasticsearch documents: pure functions, no IO.
 *
 * <p>Contract:
 * <ul>
 *   <li>Ids are stable: alertId for alerts, {@code alertId|revision} for their history, eventId for lineage
 *       records, crime reports and case statuses, {@code force|day} for daily metrics.</li>
 *   <li>Documents that change carry an external version, so whatever order the writes land in the highest
 *       version stays: an alert's revision (a correction is written again under its alertId with the next
 *       revision, and records may arrive out of order), a daily metric's Kafka offset.</li>
 *   <li>Fields are exactly the record's fields (null ones left out), times as ISO-8601 instants and days
 *       as {@code yyyy-MM-dd}, plus a few derived fields the queries need ({@code offence} and
 *       {@code protected} on lineage, {@code kind} and {@code eventTime} on reports). The index mappings
 *       in {@code IndexTemplates} declare every one of them and nothing else.</li>
 *   <li>Records carry personRefs only (ingest pseudonymised them), so documents never hold a raw
 *       person identifier.</li>
 * </ul>
 */
public final class Documents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IndexNames indices;

  public Documents(IndexNames indices) {
    this.indices = indices;
  }

  public IndexNames indices() {
    return indices;
  }

  /**
   * An alert record's documents: the alert itself, versioned by its revision (Elasticsearch keeps the
   * highest; a lower or equal revision arriving later is refused with 409, which counts as done), and the
   * revision's entry in the history index, which every revision adds and none replaces. Both carry the same
   * source, built once.
   */
  public List<IndexDocument> alertDocuments(Alert a) {
    int revision = revisionOf(a);
    byte[] source = alertSource(a);
    return List.of(alert(a, revision, source), alertRevision(a, revision, source));
  }

  /**
   * The alert's document in the alerts index, id alertId, external version = revision.
   *
   * @throws IllegalArgumentException when the revision is below 1 (the contract: revisions count from 1), so
   *                                  the record is dead-lettered as unmappable instead of being stored under a
   *                                  version that would hide every later correction
   */
  public IndexDocument alert(Alert a) {
    return alert(a, revisionOf(a), alertSource(a));
  }

  /** The revision as it was written, in the history index: id {@code alertId|revision}, never versioned. */
  public IndexDocument alertRevision(Alert a) {
    return alertRevision(a, revisionOf(a), alertSource(a));
  }

  private IndexDocument alert(Alert a, int revision, byte[] source) {
    return new IndexDocument(indices.alerts(), a.getAlertId(), source, (long) revision, a.getTriggeringEventId(),
        a.getForce());
  }

  private IndexDocument alertRevision(Alert a, int revision, byte[] source) {
    return new IndexDocument(indices.alertRevisions(), revisionId(a.getAlertId(), revision), source, null,
        a.getTriggeringEventId(), a.getForce());
  }

  public static String revisionId(String alertId, int revision) {
    return alertId + "|" + revision;
  }

  private static int revisionOf(Alert a) {
    if (a.getRevision() < 1) {
      throw new IllegalArgumentException("an alert's revision counts from 1");
    }
    return a.getRevision();
  }

  private static byte[] alertSource(Alert a) {
    ObjectNode d = JSON.createObjectNode();
    d.put(Fields.ALERT_ID, a.getAlertId());
    d.put(Fields.RULE, a.getRule().name());
    d.put(Fields.SEVERITY, a.getSeverity().name());
    d.put(Fields.FORCE, a.getForce());
    putIfSet(d, Fields.PERSON_REF, a.getPersonRef());
    putIfSet(d, Fields.REPORT_ID, a.getReportId());
    d.put(Fields.TRIGGERING_EVENT_ID, a.getTriggeringEventId());
    d.put(Fields.EVENT_TIME, time(a.getEventTime()));
    d.put(Fields.DETECTED_AT, time(a.getDetectedAt()));
    if (a.getDelayHours() != null) {
      d.put(Fields.DELAY_HOURS, a.getDelayHours());
    }
    putIfSet(d, Fields.PHASE, a.getPhase());
    d.put(Fields.MIXED_ROLES, a.getMixedRoles());
    putIfSet(d, Fields.OFFENCE, a.getOffence());
    putIfSet(d, Fields.CHANNEL, a.getChannel());
    putIfSet(d, Fields.RECIPIENT, a.getRecipient());
    if (a.getWindowDisclosures() != null) {
      d.put(Fields.WINDOW_DISCLOSURES, a.getWindowDisclosures());
    }
    if (a.getWindowAfterClosure() != null) {
      d.put(Fields.WINDOW_AFTER_CLOSURE, a.getWindowAfterClosure());
    }
    putIfSet(d, Fields.POLICY_VERSION, a.getPolicyVersion());
    d.put(Fields.REVISION, a.getRevision());
    d.put(Fields.WITHDRAWN, a.getWithdrawn());
    return bytes(d);
  }

  public IndexDocument lineage(LineageRecord r) {
    ObjectNode d = JSON.createObjectNode();
    d.put(Fields.EVENT_ID, r.getEventId());
    d.put(Fields.FLOW_TYPE, r.getFlowType().name());
    d.put(Fields.FORCE, r.getForce());
    d.put(Fields.PERSON_REF, r.getPersonRef());
    d.put(Fields.EVENT_TIME, time(r.getEventTime()));
    putIfSet(d, Fields.REPORT_ID, r.getReportId());
    putIfSet(d, Fields.PNC_REASON, r.getPncReason());
    putIfSet(d, Fields.RECIPIENT, r.getRecipient());
    putIfSet(d, Fields.CHANNEL, r.getChannel());
    putIfSet(d, Fields.PURPOSE, r.getPurpose());
    d.put(Fields.IMMIGRATION_RECIPIENT, r.getImmigrationRecipient());
    List<RoleHeld> roles = r.getProtectedRoles() == null ? List.of() : r.getProtectedRoles();
    ArrayNode held = d.putArray(Fields.PROTECTED_ROLES);
    for (RoleHeld h : roles) {
      ObjectNode o = held.addObject();
      o.put(Fields.REPORT_ID, h.getReportId());
      o.put(Fields.FORCE, h.getForce());
      o.put(Fields.ROLE, h.getRole().name());
      o.put(Fields.OFFENCE, h.getOffence().name());
      o.put(Fields.REPORTED_AT, time(h.getReportedAt()));
      putIfSet(o, Fields.CASE_STATUS, h.getCaseStatus());
      if (h.getCaseStatusChangedAt() != null) {
        o.put(Fields.CASE_STATUS_CHANGED_AT, time(h.getCaseStatusChangedAt()));
      }
    }
    d.put(Fields.PROTECTED, !roles.isEmpty());
    offenceOf(r.getReportId(), roles).ifPresent(o -> d.put(Fields.OFFENCE, o));
    d.put(Fields.MIXED_ROLES, r.getMixedRoles());
    return new IndexDocument(indices.lineage(), r.getEventId(), bytes(d), null, r.getEventId(), r.getForce());
  }

  /**
   * The offence a flow is counted under: that of the protected role from the report the flow names, else
   * that of the most recent report that gave the person a protected role; empty when the person held none
   * (the lineage record then carries no offence at all).
   */
  static Optional<String> offenceOf(String reportId, List<RoleHeld> roles) {
    if (reportId != null) {
      for (RoleHeld h : roles) {
        if (reportId.equals(h.getReportId())) {
          return Optional.of(h.getOffence().name());
        }
      }
    }
    return roles.stream().max(Comparator.comparing(RoleHeld::getReportedAt)).map(h -> h.getOffence().name());
  }

  /**
   * @param offset the record's Kafka offset: the document's external version, so the latest update of a
   *               force's day wins however the writes interleave
   */
  public IndexDocument metrics(ForceDayMetrics m, long offset) {
    ObjectNode d = JSON.createObjectNode();
    d.put(Fields.FORCE, m.getForce());
    d.put(Fields.DAY, m.getDay().toString());
    d.put(Fields.CRIME_REPORTS, m.getCrimeReports());
    d.put(Fields.VICTIMS_AND_WITNESSES, m.getVictimsAndWitnesses());
    d.put(Fields.PNC_QUERIES, m.getPncQueries());
    d.put(Fields.PNC_IMMIGRATION_QUERIES, m.getPncImmigrationQueries());
    counts(d, Fields.DISCLOSURES_BY_RECIPIENT, m.getDisclosuresByRecipient());
    counts(d, Fields.DISCLOSURES_BY_CHANNEL, m.getDisclosuresByChannel());
    counts(d, Fields.ALERTS_BY_RULE, m.getAlertsByRule());
    if (m.getDelayHoursP50() != null) {
      d.put(Fields.DELAY_HOURS_P50, m.getDelayHoursP50());
    }
    if (m.getDelayHoursP90() != null) {
      d.put(Fields.DELAY_HOURS_P90, m.getDelayHoursP90());
    }
    return new IndexDocument(indices.metrics(), metricsId(m.getForce(), m.getDay().toString()), bytes(d), offset,
        null, m.getForce());
  }

  public static String metricsId(String force, String day) {
    return force + "|" + day;
  }

  public IndexDocument report(CrimeReported r) {
    ObjectNode d = JSON.createObjectNode();
    d.put(Fields.KIND, Fields.KIND_REPORT);
    d.put(Fields.EVENT_ID, r.getEventId());
    d.put(Fields.FORCE, r.getForce());
    d.put(Fields.REPORT_ID, r.getReportId());
    d.put(Fields.OFFENCE, r.getOffence().name());
    d.put(Fields.OCCURRED_AT, time(r.getOccurredAt()));
    d.put(Fields.REPORTED_AT, time(r.getReportedAt()));
    d.put(Fields.EVENT_TIME, time(r.getReportedAt()));
    ArrayNode persons = d.putArray(Fields.PERSONS);
    for (ReportedPerson p : r.getPersons()) {
      persons.addObject().put(Fields.PERSON_REF, p.getPersonRef()).put(Fields.ROLE, p.getRole().name());
    }
    return new IndexDocument(indices.reports(), r.getEventId(), bytes(d), null, r.getEventId(), r.getForce());
  }

  public IndexDocument caseStatus(CaseStatus c) {
    ObjectNode d = JSON.createObjectNode();
    d.put(Fields.KIND, Fields.KIND_CASE_STATUS);
    d.put(Fields.EVENT_ID, c.getEventId());
    d.put(Fields.FORCE, c.getForce());
    d.put(Fields.REPORT_ID, c.getReportId());
    d.put(Fields.STATUS, c.getStatus().name());
    d.put(Fields.CHANGED_AT, time(c.getChangedAt()));
    d.put(Fields.EVENT_TIME, time(c.getChangedAt()));
    return new IndexDocument(indices.reports(), c.getEventId(), bytes(d), null, c.getEventId(), c.getForce());
  }

  private static void counts(ObjectNode d, String field, Map<String, Long> counts) {
    ObjectNode o = d.putObject(field);
    if (counts != null) {
      // Sorted, so the same record always gives the same bytes.
      new TreeMap<>(counts).forEach(o::put);
    }
  }

  private static void putIfSet(ObjectNode d, String field, Object value) {
    if (value != null) {
      d.put(field, value instanceof Enum<?> e ? e.name() : value.toString());
    }
  }

  /** Milliseconds, as Avro's timestamp_ms holds them: 2026-06-20T10:00:00.412Z, or without a fraction. */
  public static String time(Instant t) {
    return t.toString();
  }

  private static byte[] bytes(ObjectNode d) {
    try {
      return JSON.writeValueAsBytes(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document of plain values always serialises", e);
    }
  }
}
