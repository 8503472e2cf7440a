package org.safehaven.streams.person;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.safehaven.core.policy.Policy;
import org.safehaven.rules.AlertRecords;
import org.safehaven.rules.Decision;
import org.safehaven.rules.Flow;
import org.safehaven.rules.PersonRules;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DelayedDisclosure;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.streams.AlertsTopology;
import org.safehaven.streams.StoreNames;
import org.safehaven.streams.errors.DeadLetters;
import org.safehaven.streams.lineage.LineageTagger;
import org.safehaven.streams.roles.ReportRolesProcessor;
import org.safehaven.streams.state.ExpirySweep;

/**
 * Where the person rules run: one processor per personRef partition that sees every PNC query, every
 * disclosure and every role update about the persons of its partition, in one task, so a decision and the
 * roles it depends on are always read from the same local state. Every decision is the rule kernel's
 * ({@link PersonRules}); this class holds state, time and output.
 *
 * <p><b>Exact whatever the arrival.</b> The alerts are a function of the events alone, not of their order or
 * speed: a whole file imported at once, a backlog, a shuffled feed, a backfill of last month.
 * <ul>
 *   <li>A <i>candidate</i> flow (an IMMIGRATION_STATUS query, a disclosure to an immigration recipient: the
 *       only flows a rule can fire on, and rare) is decided at once with the roles known, and kept
 *       ({@link StoreNames#CANDIDATES}) for the horizon.</li>
 *   <li>Every change of a person's roles (a report arriving, however late; a case-status change) re-decides
 *       the person's kept candidates.</li>
 *   <li>Each decision is compared with the last revision written ({@link StoreNames#ALERTS}) by the kernel's
 *       {@link AlertRecords#next}: a new finding is revision 1, a changed one the next revision under the same
 *       alertId (a more recent report arrived; delayed sharing became sharing at report; the phase changed), a
 *       finding that no longer holds a withdrawal, an unchanged one nothing. So an alert is never raised twice,
 *       and nothing is held back: an alert follows its triggering event within one commit interval.</li>
 *   <li>The only events refused for their time are those more than the horizon
 *       ({@link RuleSettings#horizonMillis}, the lookback) behind the task's stream time: counted
 *       ({@code beyond-horizon-flows-total}) and dead-lettered with rule {@code beyond-horizon}.</li>
 * </ul>
 *
 * <p><b>Lineage.</b> Other flows are tagged with the roles known when they arrive and written to the lineage
 * topic when they touch a protected person; they are held for the allowed lateness (heap window store
 * {@link StoreNames#FLOWS}) so that a role arriving within it re-tags them (same eventId; consumers keep the
 * latest). Candidate flows are always lineage, and are re-tagged with every role change.
 *
 * <p><b>Systematic deferral.</b> Whenever a disclosure's standing as DELAYED_SHARING may have changed, a
 * {@link DelayedDisclosure} keyed by force goes to the force-keyed pattern ({@code ForcePatternProcessor}).
 *
 * <p><b>Exactly once.</b> With exactly_once_v2 the stores, the outputs and the input offsets commit
 * atomically, so a crash (kill -9) neither loses an alert nor writes a revision twice.
 *
 * <p><b>Bounded state.</b> Roles, candidates and written alerts are swept ({@link ExpirySweep}, wall-clock
 * punctuation) once they can matter to no event within the horizon; held flows drop with their window.
 */
public final class PersonFlowsProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  /** Upper bound of the key range of one person's entries: '}' sorts right after the '|' separator. */
  private static final String PERSON_RANGE_END = "}";

  private final Policy policy;
  private final RuleSettings rules;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, PersonRoles> roles;
  private KeyValueStore<String, LineageRecord> candidates;
  private KeyValueStore<String, Alert> alerts;
  private WindowStore<String, LineageRecord> flows;
  private final ExpirySweep<PersonRoles> roleSweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);
  private final ExpirySweep<LineageRecord> candidateSweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);
  private final ExpirySweep<Alert> alertSweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);
  private Sensor beyondHorizon;
  private Sensor duplicateFlows;
  private Sensor corrections;

  public PersonFlowsProcessor(Policy policy) {
    this.policy = policy;
    this.rules = RuleSettings.of(policy);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.roles = context.getStateStore(StoreNames.PERSON_ROLES);
    this.candidates = context.getStateStore(StoreNames.CANDIDATES);
    this.alerts = context.getStateStore(StoreNames.ALERTS);
    this.flows = context.getStateStore(StoreNames.FLOWS);
    String task = context.taskId().toString();
    this.beyondHorizon = context.metrics().addRateTotalSensor("safehaven", task, "beyond-horizon-flows",
        Sensor.RecordingLevel.INFO);
    this.duplicateFlows =
        context.metrics().addRateTotalSensor("safehaven", task, "duplicate-flows", Sensor.RecordingLevel.INFO);
    this.corrections =
        context.metrics().addRateTotalSensor("safehaven", task, "alert-corrections", Sensor.RecordingLevel.INFO);
    context.schedule(ReportRolesProcessor.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> sweep());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof PncQuery q) {
      onFlow(record, LineageTagger.flowOf(q));
    } else if (record.value() instanceof Disclosure d) {
      onFlow(record, LineageTagger.flowOf(d));
    } else if (record.value() instanceof RoleHeld r && record.key() != null) {
      onRole(record, record.key(), r);
    }
    // A null value (a tombstone) carries no event: nothing to do.
  }

  private void onFlow(Record<String, SpecificRecord> record, LineageRecord flow) {
    long t = flow.getEventTime().toEpochMilli();
    if (t < horizonFrom()) {
      beyondHorizon.record();
      context.forward(record.withKey(flow.getForce()).withValue(DeadLetters.late(flow.getEventId(), flow.getForce(),
          DeadLetters.BEYOND_HORIZON, "event time is more than the horizon (the lookback, " + policy.lookback()
              + ") behind the newest event time seen: the roles it could meet are no longer kept",
          context.recordMetadata(), Instant.now())));
      return;
    }
    String key = flowKey(flow.getPersonRef(), flow.getEventId());
    List<RoleHeld> held = rolesOf(flow.getPersonRef());
    LineageRecord tagged = LineageTagger.tag(flow, held, rules);
    if (LineageTagger.isCandidate(flow)) {
      if (candidates.get(key) != null) {
        duplicateFlows.record();
        return;
      }
      candidates.put(key, tagged);
      context.forward(new Record<>(tagged.getPersonRef(), (SpecificRecord) tagged, t));
      decide(tagged, held);
      return;
    }
    boolean lineage = LineageTagger.isLineage(tagged);
    if (t >= latenessFrom()) {
      long bucket = AlertsTopology.flowBucket(t);
      // Only a flow that is written out needs the duplicate check: a duplicate of any other flow overwrites the
      // same held record with the same tags and emits nothing.
      if (lineage && flows.fetch(key, bucket) != null) {
        duplicateFlows.record();
        return;
      }
      flows.put(key, tagged, bucket);
    }
    if (lineage) {
      context.forward(new Record<>(tagged.getPersonRef(), (SpecificRecord) tagged, t));
    }
  }

  private void onRole(Record<String, SpecificRecord> record, String personRef, RoleHeld update) {
    long from = horizonFrom();
    long lookback = rules.lookbackMillis;
    if (update.getReportedAt().toEpochMilli() + lookback < from) {
      return; // its report was dead-lettered on the report side already, or is an old correction: covers nothing
    }
    List<RoleHeld> current = new ArrayList<>(rolesOf(personRef));
    int index = indexOf(current, update);
    if (index >= 0 && current.get(index).equals(update)) {
      return;
    }
    boolean newRole = index < 0;
    // Where held flows' lineage tags can change from: the report's time for a new role; for a case-status
    // change, the earliest change not seen before (a status tags only flows at or after it).
    long retagFrom = newRole ? update.getReportedAt().toEpochMilli() : earliestNewChange(current.get(index), update);
    if (newRole) {
      current.add(update);
    } else {
      current.set(index, update);
    }
    current.removeIf(r -> r.getReportedAt().toEpochMilli() + lookback < from);
    PersonRoles updated = new PersonRoles(personRef, current);
    roles.put(personRef, updated);
    context.forward(record.withValue(updated));
    // Only a protected role, or any role of a person who also holds one (mixedRoles), can change a tag or a
    // decision: a SUSPECT or OFFENDER role alone needs no scan.
    if (PersonRules.isProtected(update.getRole()) || LineageTagger.holdsProtected(current)) {
      redecideCandidates(personRef, current);
      long retagStart = Math.max(retagFrom, latenessFrom());
      if (retagStart <= context.currentStreamTimeMs()) {
        retagHeld(personRef, current, retagStart);
      }
    }
  }

  /** Re-tags and re-decides every kept candidate flow of the person. */
  private void redecideCandidates(String personRef, List<RoleHeld> held) {
    List<KeyValue<String, LineageRecord>> kept = new ArrayList<>();
    try (KeyValueIterator<String, LineageRecord> it = candidates.range(personRef + "|", personRef + PERSON_RANGE_END)) {
      it.forEachRemaining(kept::add);
    }
    for (KeyValue<String, LineageRecord> kv : kept) {
      LineageRecord after = LineageTagger.tag(kv.value, held, rules);
      if (!after.equals(kv.value)) {
        candidates.put(kv.key, after);
        context.forward(new Record<>(personRef, (SpecificRecord) after, after.getEventTime().toEpochMilli()));
      }
      decide(after, held);
    }
  }

  /** Re-tags the person's held (non-candidate) flows from {@code fromMillis} on, for the lineage topic. */
  private void retagHeld(String personRef, List<RoleHeld> held, long fromMillis) {
    List<KeyValue<Windowed<String>, LineageRecord>> due = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, LineageRecord> it =
             flows.fetch(personRef + "|", personRef + PERSON_RANGE_END, AlertsTopology.flowBucket(fromMillis),
                 Math.max(fromMillis, context.currentStreamTimeMs()))) {
      // The first bucket may hold flows before fromMillis: they stand as tagged.
      it.forEachRemaining(kv -> {
        if (kv.value.getEventTime().toEpochMilli() >= fromMillis) {
          due.add(kv);
        }
      });
    }
    for (KeyValue<Windowed<String>, LineageRecord> entry : due) {
      LineageRecord after = LineageTagger.tag(entry.value, held, rules);
      if (!after.equals(entry.value)) {
        flows.put(entry.key.key(), after, entry.key.window().start());
        if (LineageTagger.isLineage(after)) {
          context.forward(new Record<>(personRef, (SpecificRecord) after, after.getEventTime().toEpochMilli()));
        }
      }
    }
  }

  /** Decides a candidate flow and writes what changed: an alert revision, and its standing in the pattern. */
  private void decide(LineageRecord flow, List<RoleHeld> held) {
    Flow candidate = LineageTagger.kernelFlow(flow);
    Optional<Decision> decision = PersonRules.decide(candidate, LineageTagger.grants(held),
        LineageTagger.statuses(held), rules);
    String alertId = AlertRecords.alertIdOf(candidate);
    Alert previous = alerts.get(alertId);
    Alert next = AlertRecords.next(previous, decision.orElse(null), policy.version(), Instant.now());
    long t = flow.getEventTime().toEpochMilli();
    if (next != null) {
      if (previous != null) {
        corrections.record();
      }
      alerts.put(alertId, next);
      context.forward(new Record<>(next.getForce(), (SpecificRecord) next, t));
    }
    boolean delayedNow = decision.isPresent() && decision.get().rule() == Rule.DELAYED_SHARING;
    boolean delayedBefore = previous != null && !previous.getWithdrawn() && previous.getRule() == Rule.DELAYED_SHARING;
    if (delayedNow || delayedBefore) {
      // Sent on every re-decision of a delayed disclosure: whether it came soon after closure can change with
      // a status change that changes nothing else in the alert. The pattern side ignores an unchanged entry.
      context.forward(new Record<>(flow.getForce(), (SpecificRecord) new DelayedDisclosure(flow.getForce(),
          flow.getEventId(), flow.getEventTime(), delayedNow, delayedNow && decision.get().soonAfterClosure()), t));
    }
  }

  /** The earliest event time still decided exactly: the task's stream time less the horizon. */
  private long horizonFrom() {
    long streamTime = context.currentStreamTimeMs();
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - rules.horizonMillis();
  }

  /** The earliest event time of a flow held for lineage re-tagging: stream time less the allowed lateness. */
  private long latenessFrom() {
    long streamTime = context.currentStreamTimeMs();
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - rules.allowedLatenessMillis;
  }

  private List<RoleHeld> rolesOf(String personRef) {
    PersonRoles pr = roles.get(personRef);
    return pr == null ? List.of() : pr.getRoles();
  }

  /** The earliest changedAt among the update's case changes that the known role did not have (or MAX_VALUE). */
  private static long earliestNewChange(RoleHeld known, RoleHeld update) {
    long earliest = Long.MAX_VALUE;
    for (org.safehaven.schema.CaseChange c : update.getCaseHistory()) {
      if (!known.getCaseHistory().contains(c)) {
        earliest = Math.min(earliest, c.getChangedAt().toEpochMilli());
      }
    }
    return earliest;
  }

  private static int indexOf(List<RoleHeld> roles, RoleHeld update) {
    for (int i = 0; i < roles.size(); i++) {
      RoleHeld r = roles.get(i);
      if (r.getReportId().equals(update.getReportId()) && r.getRole() == update.getRole()) {
        return i;
      }
    }
    return -1;
  }

  static String flowKey(String personRef, String eventId) {
    return personRef + "|" + eventId;
  }

  /**
   * Drops, a batch at a time ({@link ExpirySweep}), what no event within the horizon can use any more: roles
   * whose lookback ended before it (a person left with none is deleted, with a tombstone on the table),
   * candidate flows and written alerts older than it.
   */
  void sweep() {
    long from = horizonFrom();
    if (from <= 0) {
      return;
    }
    long lookback = rules.lookbackMillis;
    roleSweep.step(roles, (personRef, pr) -> {
      List<RoleHeld> kept = new ArrayList<>(pr.getRoles());
      if (kept.removeIf(r -> r.getReportedAt().toEpochMilli() + lookback < from)) {
        PersonRoles updated = new PersonRoles(personRef, kept);
        if (kept.isEmpty()) {
          roles.delete(personRef);
        } else {
          roles.put(personRef, updated);
        }
        // The table topic follows the store: an empty role list is written as a tombstone.
        context.forward(new Record<>(personRef, kept.isEmpty() ? null : (SpecificRecord) updated,
            context.currentStreamTimeMs()));
      }
    });
    candidateSweep.step(candidates, (key, flow) -> {
      if (flow.getEventTime().toEpochMilli() < from) {
        candidates.delete(key);
      }
    });
    alertSweep.step(alerts, (key, alert) -> {
      if (alert.getEventTime().toEpochMilli() < from) {
        alerts.delete(key);
      }
    });
  }

  @Override
  public void close() {
    context.metrics().removeSensor(beyondHorizon);
    context.metrics().removeSensor(duplicateFlows);
    context.metrics().removeSensor(corrections);
  }
}
