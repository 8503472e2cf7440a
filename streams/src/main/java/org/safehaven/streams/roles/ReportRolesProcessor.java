package org.safehaven.streams.roles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.safehaven.core.policy.Policy;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.CaseChange;
import org.safehaven.schema.CaseHistory;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.RoleHeld;
import org.safehaven.streams.StoreNames;
import org.safehaven.streams.errors.DeadLetters;
import org.safehaven.streams.state.ExpirySweep;

/**
 * Role tagging, per report: keyed by reportId, it reads crime reports and case-status events (two topics
 * co-partitioned by reportId) and emits one {@link RoleHeld} per person named on the report, keyed by
 * personRef, whenever the report arrives or its case's history changes. The person side
 * ({@code PersonFlowsProcessor}) keeps the roles per person and decides.
 *
 * <p>Any arrival order: a case status may arrive before its report (it is kept and applied when the report
 * comes). Every status change is kept ({@link CaseHistory}, by eventId, so a duplicate is harmless) and
 * travels with the roles, because the rules read the status at each flow's own time, not the latest one.
 * A report that arrives again with the same eventId is a duplicate and emits nothing; with another eventId it
 * is a correction and re-emits its roles.
 *
 * <p>Horizon: an event is decided exactly when it is at most the horizon ({@link RuleSettings#horizonMillis},
 * the lookback) behind the task's stream time, however late it arrives. A report whose roles ended before
 * that (reportedAt + lookback before stream time less the horizon) can matter to no accepted flow: it is
 * counted ({@code beyond-horizon-total}) and dead-lettered with rule {@code beyond-horizon}.
 *
 * <p>State is bounded: reports and histories are purged on the same condition by an {@link ExpirySweep} on
 * wall-clock punctuation ({@link #SWEEP_BATCH} entries every {@link #SWEEP_INTERVAL}).
 *
 * <p>Output: {@code RoleHeld} (key personRef) and {@code DeadLetter} (key force) records.
 */
public final class ReportRolesProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
  /** Entries of each store visited per sweep: a few milliseconds of the stream thread. */
  public static final int SWEEP_BATCH = 5_000;
  static final Comparator<CaseChange> CHANGE_ORDER =
      Comparator.comparing(CaseChange::getChangedAt).thenComparing(CaseChange::getEventId);

  private final RuleSettings rules;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CrimeReported> reports;
  private KeyValueStore<String, CaseHistory> histories;
  private Sensor beyondHorizon;
  private final ExpirySweep<CrimeReported> reportSweep = new ExpirySweep<>(SWEEP_BATCH);
  private final ExpirySweep<CaseHistory> historySweep = new ExpirySweep<>(SWEEP_BATCH);

  public ReportRolesProcessor(Policy policy) {
    this.rules = RuleSettings.of(policy);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.reports = context.getStateStore(StoreNames.REPORTS);
    this.histories = context.getStateStore(StoreNames.CASE_HISTORY);
    this.beyondHorizon = context.metrics().addRateTotalSensor("safehaven", context.taskId().toString(),
        "beyond-horizon-reports", Sensor.RecordingLevel.INFO);
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
    if (report.getReportedAt().toEpochMilli() + rules.lookbackMillis < horizonFrom()) {
      beyondHorizon.record();
      context.forward(record.withKey(report.getForce()).withValue(DeadLetters.late(report.getEventId(),
          report.getForce(), "beyond-horizon", "the report's roles ended (reportedAt + lookback) more than the"
              + " horizon (the lookback) before the newest event seen: no accepted flow can be covered by it",
          context.recordMetadata(), Instant.now())));
      return;
    }
    reports.put(report.getReportId(), report);
    emitRoles(record, report, histories.get(report.getReportId()));
  }

  private void onStatus(Record<String, SpecificRecord> record, CaseStatus status) {
    CaseHistory history = histories.get(status.getReportId());
    List<CaseChange> changes = history == null ? new ArrayList<>() : new ArrayList<>(history.getChanges());
    for (CaseChange c : changes) {
      if (c.getEventId().equals(status.getEventId())) {
        return;
      }
    }
    changes.add(new CaseChange(status.getEventId(), status.getStatus(), status.getChangedAt()));
    changes.sort(CHANGE_ORDER);
    CaseHistory updated = new CaseHistory(status.getReportId(), changes);
    histories.put(status.getReportId(), updated);
    CrimeReported report = reports.get(status.getReportId());
    if (report != null) {
      emitRoles(record, report, updated);
    }
  }

  private void emitRoles(Record<String, SpecificRecord> record, CrimeReported report, CaseHistory history) {
    List<CaseChange> changes = history == null ? List.of() : history.getChanges();
    CaseChange latest = changes.isEmpty() ? null : changes.get(changes.size() - 1);
    for (ReportedPerson person : report.getPersons()) {
      RoleHeld role = new RoleHeld(report.getReportId(), report.getForce(), person.getRole(), report.getOffence(),
          report.getReportedAt(), latest == null ? null : latest.getStatus(),
          latest == null ? null : latest.getChangedAt(), changes);
      context.forward(record.withKey(person.getPersonRef()).withValue(role));
    }
  }

  /** The earliest event time still decided exactly: the task's stream time less the horizon. */
  private long horizonFrom() {
    long streamTime = context.currentStreamTimeMs();
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - rules.horizonMillis();
  }

  /**
   * Drops reports (and their histories) whose roles can no longer cover an accepted flow, and histories
   * whose report never came while they could have mattered.
   */
  void sweep() {
    long from = horizonFrom();
    if (from <= 0) {
      return;
    }
    long lookback = rules.lookbackMillis;
    reportSweep.step(reports, (reportId, report) -> {
      if (report.getReportedAt().toEpochMilli() + lookback < from) {
        reports.delete(reportId);
        histories.delete(reportId);
      }
    });
    historySweep.step(histories, (reportId, history) -> {
      List<CaseChange> c = history.getChanges();
      long last = c.isEmpty() ? Long.MIN_VALUE : c.get(c.size() - 1).getChangedAt().toEpochMilli();
      if (last + lookback < from && reports.get(reportId) == null) {
        histories.delete(reportId);
      }
    });
  }
}
