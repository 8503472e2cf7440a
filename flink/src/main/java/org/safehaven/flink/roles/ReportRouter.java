package org.safehaven.flink.roles;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.Role;

/**
 * Keyed by reportId: turns a crime report into one role grant per person and routes the report's case-status
 * changes to the persons it gives a protected role, so that the person-keyed rules hold everything they decide
 * on (no broadcast state: a report names a handful of persons).
 *
 * <p>Contract:
 * <ul>
 *   <li>A report emits one GRANT per VICTIM, WITNESS, SUSPECT or OFFENDER entry (REPORTING_PERSON matters to
 *       no rule), each with the report's reportedAt as its timestamp; then every status change seen so far,
 *       to each VICTIM and WITNESS.</li>
 *   <li>A status change is kept (by eventId, so a duplicate is harmless) and, once the report is known, sent
 *       to each VICTIM and WITNESS of it with its changedAt as timestamp. A status that arrives before its
 *       report (out of order) waits for it.</li>
 *   <li>State is bounded: everything about the report is dropped when the watermark passes
 *       {@code reportedAt + lookback} (its roles count no longer, so its status cannot matter); statuses of a
 *       report never seen are dropped once the watermark passes {@code changedAt + allowedLateness}.</li>
 * </ul>
 * The report's persons are stored with their roles only; no other field of the report is kept.
 */
public final class ReportRouter extends KeyedProcessFunction<String, InputEvent, PersonFact> {

  private static final long serialVersionUID = 1L;

  private final RuleSettings rules;
  private transient ValueState<InputEvent> report;
  private transient MapState<String, PersonFact> statuses;

  public ReportRouter(RuleSettings rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext context) {
    report = getRuntimeContext().getState(new ValueStateDescriptor<>("report", InputEvent.class));
    statuses = getRuntimeContext().getMapState(new MapStateDescriptor<>("statuses", String.class, PersonFact.class));
  }

  @Override
  public void processElement(InputEvent e, Context ctx, Collector<PersonFact> out) throws Exception {
    if (e.kind == InputEvent.Kind.REPORT) {
      if (report.value() != null) {
        return; // the same report again (a replayed duplicate): its grants are already out
      }
      InputEvent kept = new InputEvent();
      kept.kind = e.kind;
      kept.reportId = e.reportId;
      kept.time = e.time;
      kept.offence = e.offence;
      kept.personRefs = e.personRefs;
      kept.roles = e.roles;
      report.update(kept);
      for (int i = 0; i < e.personRefs.length; i++) {
        if (e.roles[i] != Role.REPORTING_PERSON) {
          out.collect(PersonFact.grant(e.personRefs[i], e.reportId, e.roles[i], e.offence, e.time));
        }
      }
      for (PersonFact s : statuses.values()) {
        emitStatus(kept, s, out);
      }
      ctx.timerService().registerEventTimeTimer(expiry(kept));
    } else if (e.kind == InputEvent.Kind.STATUS) {
      if (statuses.contains(e.eventId)) {
        return;
      }
      PersonFact s = PersonFact.status(null, e.reportId, e.eventId, e.status, e.time);
      statuses.put(e.eventId, s);
      InputEvent known = report.value();
      if (known != null) {
        emitStatus(known, s, out);
      } else {
        ctx.timerService().registerEventTimeTimer(orphanExpiry(e.time));
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<PersonFact> out) throws Exception {
    InputEvent known = report.value();
    if (known != null) {
      if (timestamp >= expiry(known)) {
        report.clear();
        statuses.clear();
      }
      return;
    }
    // No report yet: drop the statuses whose wait is over.
    List<String> over = new ArrayList<>();
    for (PersonFact s : statuses.values()) {
      if (orphanExpiry(s.time) <= timestamp) {
        over.add(s.eventId);
      }
    }
    for (String id : over) {
      statuses.remove(id);
    }
  }

  private long expiry(InputEvent r) {
    return r.time + rules.lookbackMillis + 1;
  }

  private long orphanExpiry(long changedAt) {
    return changedAt + rules.allowedLatenessMillis + 1;
  }

  private static void emitStatus(InputEvent report, PersonFact s, Collector<PersonFact> out) {
    for (int i = 0; i < report.personRefs.length; i++) {
      if (report.roles[i] == Role.VICTIM || report.roles[i] == Role.WITNESS) {
        out.collect(PersonFact.status(report.personRefs[i], s.reportId, s.eventId, s.status, s.time));
      }
    }
  }
}
