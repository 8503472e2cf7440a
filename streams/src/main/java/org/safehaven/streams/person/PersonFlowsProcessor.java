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
import org.safehaven.schema.Alert;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.RoleHeld;
import org.safehaven.streams.AlertsTopology;
import org.safehaven.streams.StoreNames;
import org.safehaven.streams.errors.DeadLetters;
import org.safehaven.streams.lineage.LineageTagger;
import org.safehaven.streams.rules.RealTimeRules;
import org.safehaven.streams.roles.ReportRolesProcessor;
import org.safehaven.streams.rules.RolesAt;
import org.safehaven.streams.state.ExpirySweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where breaches are decided: one processor per personRef partition that sees every PNC query, every
 * disclosure and every role update about the persons of its partition, in one task, so the decision about
 * a flow and the roles it depends on are always read from the same local state.
 *
 * <p>Per flow (PNC query or disclosure), by its event time {@code t}:
 * <ol>
 *   <li>Late: {@code t} earlier than the task's stream time less the allowed lateness. The flow is counted
 *       (metric {@code late-flows-total}), logged by eventId and written to the dead letters with rule
 *       {@code late}; it raises nothing.</li>
 *   <li>Duplicate: a lineage flow whose eventId about the same person at the same {@code t} is still held is
 *       ignored (counted as {@code duplicate-flows}); any other flow's duplicate rewrites the same held record.</li>
 *   <li>Otherwise it is tagged with the roles held at {@code t}, held (window store {@link StoreNames#FLOWS})
 *       for the allowed lateness, written to the lineage topic when it is lineage
 *       ({@link LineageTagger#isLineage}), and evaluated by {@link RealTimeRules}.</li>
 * </ol>
 * Per role update (a {@link RoleHeld} from the report side): the person's roles ({@link StoreNames#PERSON_ROLES})
 * are updated and the new {@link PersonRoles} is written to the person-roles table topic. A role the person did
 * not hold before re-tags every held flow from {@code max(reportedAt, streamTime - lateness)} on: flows whose
 * tags change are written to the lineage topic again (same eventId; consumers keep the latest), and flows
 * that now break a rule raise their alert. That is how a disclosure that arrives before the report making
 * its subject a victim still raises its alert when the report arrives.
 *
 * <p>Exactly once per (rule, triggering event): the alert id is derived from both
 * ({@link org.safehaven.core.alert.AlertIds}) and every raised id is kept ({@link StoreNames#EMITTED_ALERTS})
 * for the allowed lateness; beyond it the triggering event itself would be refused as late. With Streams'
 * exactly_once_v2 the stores, the outputs and the input offsets commit atomically, so a crash never raises an
 * alert twice nor loses one.
 *
 * <p>An alert, once raised, stands: if a report arriving later within the lateness is more recent than the
 * report the alert named (or adds a SUSPECT role that would set mixedRoles), the alert is not raised again
 * nor changed, because each (rule, event) is raised once; the updated lineage record carries the complete
 * roles. Holding every decision back for the whole lateness instead would delay every alert by a day.
 *
 * <p>State is bounded: held flows and raised alert ids live in heap window stores (changelogged) whose windows are
 * dropped as stream time passes the lateness (plus a bucket); roles are purged once their report is
 * older than the lookback, by an {@link ExpirySweep} of the roles store on wall-clock punctuation.
 */
public final class PersonFlowsProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(PersonFlowsProcessor.class);
  /** Upper bound of the key range of one person's held flows: '}' sorts right after the '|' separator. */
  private static final String PERSON_RANGE_END = "}";

  private final Policy policy;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, PersonRoles> roles;
  private final ExpirySweep<PersonRoles> roleSweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);
  private WindowStore<String, LineageRecord> flows;
  private WindowStore<String, Long> emitted;
  private Sensor lateFlows;
  private Sensor lateRoles;
  private Sensor duplicateFlows;

  public PersonFlowsProcessor(Policy policy) {
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.roles = context.getStateStore(StoreNames.PERSON_ROLES);
    this.flows = context.getStateStore(StoreNames.FLOWS);
    this.emitted = context.getStateStore(StoreNames.EMITTED_ALERTS);
    String task = context.taskId().toString();
    this.lateFlows = context.metrics().addRateTotalSensor("safehaven", task, "late-flows", Sensor.RecordingLevel.INFO);
    this.lateRoles = context.metrics().addRateTotalSensor("safehaven", task, "late-roles", Sensor.RecordingLevel.INFO);
    this.duplicateFlows =
        context.metrics().addRateTotalSensor("safehaven", task, "duplicate-flows", Sensor.RecordingLevel.INFO);
    context.schedule(ReportRolesProcessor.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> sweepRoles());
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
    if (t < acceptedFrom()) {
      lateFlows.record();
      LOG.warn("event {} arrived beyond the allowed lateness of {}: counted and dead-lettered, not evaluated",
          flow.getEventId(), policy.allowedLateness());
      context.forward(record.withKey(flow.getForce()).withValue(DeadLetters.late(flow.getEventId(), flow.getForce(),
          "event time is more than the allowed lateness (" + policy.allowedLateness() + ") behind the latest event"
              + " time seen", context.recordMetadata(), Instant.now())));
      return;
    }
    String flowKey = flowKey(flow.getPersonRef(), flow.getEventId());
    long bucket = AlertsTopology.flowBucket(t);
    List<RoleHeld> held = rolesOf(flow.getPersonRef());
    LineageRecord tagged = LineageTagger.tag(flow, held, policy);
    boolean lineage = LineageTagger.isLineage(tagged);
    // Only a flow that is written out (lineage; every alert's flow is) needs the duplicate check: a duplicate of
    // any other flow overwrites the same held record with the same tags and emits nothing. That spares most
    // flows a lookup in the held-flow store (profiled at 7 % of a stream thread).
    if (lineage && flows.fetch(flowKey, bucket) != null) {
      duplicateFlows.record();
      return;
    }
    flows.put(flowKey, tagged, bucket);
    if (lineage) {
      context.forward(new Record<>(tagged.getPersonRef(), (SpecificRecord) tagged, t));
    }
    raiseIfBreach(tagged, held);
  }

  private void onRole(Record<String, SpecificRecord> record, String personRef, RoleHeld update) {
    long acceptedFrom = acceptedFrom();
    long lookback = policy.lookback().toMillis();
    if (update.getReportedAt().toEpochMilli() + lookback < acceptedFrom) {
      lateRoles.record();
      LOG.warn("a role from report {} arrived after its lookback had ended: not kept", update.getReportId());
      return;
    }
    List<RoleHeld> current = new ArrayList<>(rolesOf(personRef));
    int index = indexOf(current, update);
    if (index >= 0 && current.get(index).equals(update)) {
      return;
    }
    boolean newRole = index < 0;
    if (newRole) {
      current.add(update);
    } else {
      current.set(index, update);
    }
    current.removeIf(r -> r.getReportedAt().toEpochMilli() + lookback < acceptedFrom);
    PersonRoles personRoles = new PersonRoles(personRef, current);
    roles.put(personRef, personRoles);
    context.forward(record.withValue(personRoles));
    if (newRole) {
      long reportedAt = update.getReportedAt().toEpochMilli();
      if (reportedAt < acceptedFrom) {
        lateRoles.record();
        LOG.warn("report {} arrived beyond the allowed lateness: its role is kept for later events, but flows"
            + " before {} are no longer re-evaluated", update.getReportId(), Instant.ofEpochMilli(acceptedFrom));
      }
      // Only a protected role, or a role of a person who also holds a protected one (mixedRoles), can change a
      // held flow's tags or raise an alert: a SUSPECT or OFFENDER role alone needs no scan of the held flows.
      if (RolesAt.isProtected(update.getRole()) || holdsProtected(current)) {
        reevaluate(personRef, current, Math.max(reportedAt, acceptedFrom));
      }
    }
  }

  /** Re-tags the person's held flows from {@code fromMillis} on and raises the alerts they now call for. */
  private void reevaluate(String personRef, List<RoleHeld> held, long fromMillis) {
    List<KeyValue<Windowed<String>, LineageRecord>> due = new ArrayList<>();
    // From the bucket of fromMillis to the stream time (no held flow is later): a few dozen hour buckets.
    try (KeyValueIterator<Windowed<String>, LineageRecord> it =
             flows.fetch(personRef + "|", personRef + PERSON_RANGE_END, AlertsTopology.flowBucket(fromMillis),
                 context.currentStreamTimeMs())) {
      // The first bucket may hold flows before fromMillis: they stand as tagged.
      it.forEachRemaining(kv -> {
        if (kv.value.getEventTime().toEpochMilli() >= fromMillis) {
          due.add(kv);
        }
      });
    }
    for (KeyValue<Windowed<String>, LineageRecord> entry : due) {
      LineageRecord before = entry.value;
      LineageRecord after = LineageTagger.tag(before, held, policy);
      long t = after.getEventTime().toEpochMilli();
      if (!after.equals(before)) {
        flows.put(entry.key.key(), after, entry.key.window().start());
        if (LineageTagger.isLineage(after)) {
          context.forward(new Record<>(personRef, (SpecificRecord) after, t));
        }
      }
      raiseIfBreach(after, held);
    }
  }

  private void raiseIfBreach(LineageRecord tagged, List<RoleHeld> held) {
    Optional<Alert> alert = RealTimeRules.evaluate(tagged, held, policy, Instant.now());
    if (alert.isEmpty()) {
      return;
    }
    long t = tagged.getEventTime().toEpochMilli();
    Alert a = alert.get();
    if (emitted.fetch(a.getAlertId(), t) != null) {
      return;
    }
    emitted.put(a.getAlertId(), a.getDetectedAt().toEpochMilli(), t);
    context.forward(new Record<>(a.getForce(), (SpecificRecord) a, t));
  }

  /** The earliest event time still honoured: the task's stream time less the allowed lateness. */
  private long acceptedFrom() {
    long streamTime = context.currentStreamTimeMs();
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - policy.allowedLateness().toMillis();
  }

  private List<RoleHeld> rolesOf(String personRef) {
    PersonRoles pr = roles.get(personRef);
    return pr == null ? List.of() : pr.getRoles();
  }

  private static boolean holdsProtected(List<RoleHeld> roles) {
    for (RoleHeld r : roles) {
      if (RolesAt.isProtected(r.getRole())) {
        return true;
      }
    }
    return false;
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
   * Drops roles whose report is older than the lookback for every event still accepted, a batch of persons
   * at a time ({@link ExpirySweep}); a person left with no role is deleted and gets a tombstone on the table.
   */
  void sweepRoles() {
    long acceptedFrom = acceptedFrom();
    if (acceptedFrom <= 0) {
      return;
    }
    long lookback = policy.lookback().toMillis();
    roleSweep.step(roles, (personRef, pr) -> {
      List<RoleHeld> kept = new ArrayList<>(pr.getRoles());
      if (kept.removeIf(r -> r.getReportedAt().toEpochMilli() + lookback < acceptedFrom)) {
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
  }

  @Override
  public void close() {
    context.metrics().removeSensor(lateFlows);
    context.metrics().removeSensor(lateRoles);
    context.metrics().removeSensor(duplicateFlows);
  }
}
