package org.safehaven.streams.roles;

import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.RoleHeld;
import org.safehaven.streams.StoreNames;
import org.safehaven.streams.errors.DeadLetters;
import org.safehaven.streams.state.ExpirySweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Role tagging, per report: keyed by reportId, it reads crime reports and case-status events (two topics
 * co-partitioned by reportId) and emits one {@link RoleHeld} per person named on the report, keyed by
 * personRef, whenever the report arrives or its case status changes. The person side
 * ({@code PersonFlowsProcessor}) keeps the roles per person.
 *
 * <p>Event time, any order: a case status may arrive before its report (it is kept and applied when the
 * report comes); of two statuses, the later {@code changedAt} wins whatever the arrival order (ties: the
 * greater eventId), so a stale status never overwrites a newer one. A report that arrives again with the
 * same eventId is a duplicate and emits nothing; with another eventId it is a correction and re-emits its
 * roles. A report whose roles have already expired (reportedAt + lookback before the stream time less the
 * lateness) is not kept: it goes to the dead letters with rule {@code late}.
 *
 * <p>State is bounded: reports and statuses are purged once their roles can no longer count for any event
 * still accepted, by an {@link ExpirySweep} over both stores on wall-clock punctuation ({@link #SWEEP_BATCH}
 * entries every {@link #SWEEP_INTERVAL}).
 *
 * <p>Output: {@code RoleHeld} (key personRef) and {@code DeadLetter} (key force) records.
 */
public final class ReportRolesProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ReportRolesProcessor.class);
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
  /** Entries of each store visited per sweep: a few milliseconds of the stream thread. */
  public static final int SWEEP_BATCH = 5_000;

  private final Policy policy;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CrimeReported> reports;
  private KeyValueStore<String, CaseStatus> statuses;
  private final ExpirySweep<CrimeReported> reportSweep = new ExpirySweep<>(SWEEP_BATCH);
  private final ExpirySweep<CaseStatus> statusSweep = new ExpirySweep<>(SWEEP_BATCH);

  public ReportRolesProcessor(Policy policy) {
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.reports = context.getStateStore(StoreNames.REPORTS);
    this.statuses = context.getStateStore(StoreNames.CASE_STATUS);
    context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> sweep());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof CrimeReported report) {
      onReport(record, report);
    } else if (record.value() instanceof CaseStatus status) {
      onStatus(record, status);
    }
    // A null value (a tombstone) carries no event: nothing to do.
  }

  private void onReport(Record<String, SpecificRecord> record, CrimeReported report) {
    CrimeReported known = reports.get(report.getReportId());
    if (known != null && known.getEventId().equals(report.getEventId())) {
      return;
    }
    long expiresAt = report.getReportedAt().toEpochMilli() + policy.lookback().toMillis();
    if (expiresAt < threshold()) {
      LOG.warn("crime report event {} is older than the lookback: its roles can no longer count; dead-lettered",
          report.getEventId());
      context.forward(record.withKey(report.getForce()).withValue(DeadLetters.late(report.getEventId(),
          report.getForce(), "the report's roles expired before it arrived (reportedAt + lookback is behind the"
              + " stream time less the allowed lateness)", context.recordMetadata(), Instant.now())));
      return;
    }
    reports.put(report.getReportId(), report);
    CaseStatus status = statuses.get(report.getReportId());
    emitRoles(record, report, status);
  }

  private void onStatus(Record<String, SpecificRecord> record, CaseStatus status) {
    CaseStatus current = statuses.get(status.getReportId());
    if (current != null && !newer(status, current)) {
      return;
    }
    statuses.put(status.getReportId(), status);
    CrimeReported report = reports.get(status.getReportId());
    if (report != null) {
      emitRoles(record, report, status);
    }
  }

  /** Event-time order of two statuses of one report: later changedAt, then the greater eventId. */
  static boolean newer(CaseStatus candidate, CaseStatus current) {
    int byTime = candidate.getChangedAt().compareTo(current.getChangedAt());
    return byTime > 0 || (byTime == 0 && candidate.getEventId().compareTo(current.getEventId()) > 0);
  }

  private void emitRoles(Record<String, SpecificRecord> record, CrimeReported report, CaseStatus status) {
    for (ReportedPerson person : report.getPersons()) {
      RoleHeld role = RoleHeld.newBuilder()
          .setReportId(report.getReportId())
          .setForce(report.getForce())
          .setRole(person.getRole())
          .setOffence(report.getOffence())
          .setReportedAt(report.getReportedAt())
          .setCaseStatus(status == null ? null : status.getStatus())
          .setCaseStatusChangedAt(status == null ? null : status.getChangedAt())
          .build();
      context.forward(record.withKey(person.getPersonRef()).withValue(role));
    }
  }

  private long threshold() {
    long streamTime = context.currentStreamTimeMs();
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - policy.allowedLateness().toMillis();
  }

  /**
   * Drops reports (and their statuses) whose roles can no longer count for an accepted event, and statuses
   * whose report never came within the lookback of their change.
   */
  void sweep() {
    long threshold = threshold();
    if (threshold <= 0) {
      return;
    }
    long lookback = policy.lookback().toMillis();
    reportSweep.step(reports, (reportId, report) -> {
      if (report.getReportedAt().toEpochMilli() + lookback < threshold) {
        reports.delete(reportId);
        statuses.delete(reportId);
      }
    });
    statusSweep.step(statuses, (reportId, status) -> {
      if (status.getChangedAt().toEpochMilli() + lookback < threshold && reports.get(reportId) == null) {
        statuses.delete(reportId);
      }
    });
  }
}
