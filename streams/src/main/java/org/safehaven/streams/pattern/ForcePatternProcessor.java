package org.safehaven.streams.pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.safehaven.core.policy.Policy;
import org.safehaven.rules.AlertRecords;
import org.safehaven.rules.DeferralPattern;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DelayedDisclosure;
import org.safehaven.streams.StoreNames;
import org.safehaven.streams.roles.ReportRolesProcessor;
import org.safehaven.streams.state.ExpirySweep;

/**
 * SYSTEMATIC_DEFERRAL, keyed by force: keeps the force's DELAYED_SHARING disclosures
 * ({@link StoreNames#DEFERRAL_ENTRIES}, from the person rules' {@link DelayedDisclosure} records) and the
 * pattern alerts written ({@link StoreNames#PATTERN_ALERTS}); the pattern itself is the kernel's
 * ({@link DeferralPattern}).
 *
 * <p>Any arrival order: a change at one position of the force's (disclosedAt, eventId) order can change only
 * the firings at or after it, so each change recomputes from its position on, seeded with the last firing
 * before it, and writes the difference: a new firing as revision 1, a firing whose counts changed as the next
 * revision, a firing that no longer holds (the pattern moved to another disclosure) as a withdrawal. After
 * every change the written firings equal the kernel's computation over every disclosure seen, whatever order
 * the persons' partitions delivered them in.
 *
 * <p>State is bounded: entries and pattern alerts older than the horizon are swept.
 */
public final class ForcePatternProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  private static final String RANGE_END = "}";

  private final Policy policy;
  private final RuleSettings rules;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, DelayedDisclosure> entries;
  private KeyValueStore<String, Alert> fired;
  private final ExpirySweep<DelayedDisclosure> entrySweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);
  private final ExpirySweep<Alert> firedSweep = new ExpirySweep<>(ReportRolesProcessor.SWEEP_BATCH);

  public ForcePatternProcessor(Policy policy) {
    this.policy = policy;
    this.rules = RuleSettings.of(policy);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.entries = context.getStateStore(StoreNames.DEFERRAL_ENTRIES);
    this.fired = context.getStateStore(StoreNames.PATTERN_ALERTS);
    context.schedule(ReportRolesProcessor.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> sweep());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (!(record.value() instanceof DelayedDisclosure change)) {
      return;
    }
    String force = change.getForce();
    String key = force + "|" + change.getEventId();
    DelayedDisclosure stored = entries.get(key);
    if (change.getDelayed()) {
      if (change.equals(stored)) {
        return;
      }
      entries.put(key, change);
    } else {
      if (stored == null) {
        return;
      }
      entries.delete(key);
    }
    recompute(force, new DeferralPattern.Entry(change.getEventId(), change.getDisclosedAt().toEpochMilli(),
        change.getSoonAfterClosure()), record.timestamp());
  }

  private void recompute(String force, DeferralPattern.Entry from, long timestamp) {
    List<DeferralPattern.Entry> all = new ArrayList<>();
    long windowStart = from.disclosedAt() - rules.patternWindowMillis;
    try (KeyValueIterator<String, DelayedDisclosure> it = entries.range(force + "|", force + RANGE_END)) {
      while (it.hasNext()) {
        DelayedDisclosure d = it.next().value;
        if (d.getDisclosedAt().toEpochMilli() >= windowStart) {
          all.add(new DeferralPattern.Entry(d.getEventId(), d.getDisclosedAt().toEpochMilli(),
              d.getSoonAfterClosure()));
        }
      }
    }
    Long lastFiredBefore = null;
    Map<String, Alert> atOrAfter = new HashMap<>();
    try (KeyValueIterator<String, Alert> it = fired.range(force + "|", force + RANGE_END)) {
      while (it.hasNext()) {
        KeyValue<String, Alert> kv = it.next();
        Alert a = kv.value;
        long at = a.getEventTime().toEpochMilli();
        if (DeferralPattern.ORDER.compare(new DeferralPattern.Entry(a.getTriggeringEventId(), at, false), from) >= 0) {
          atOrAfter.put(kv.key, a); // to be revised, withdrawn, or (a withdrawn one) raised again
        } else if (!a.getWithdrawn()) {
          lastFiredBefore = lastFiredBefore == null ? at : Math.max(lastFiredBefore, at);
        }
      }
    }
    Instant now = Instant.now();
    for (DeferralPattern.Firing f : DeferralPattern.firingsFrom(all, from, lastFiredBefore, rules)) {
      String key = force + "|" + f.eventId();
      Alert previous = atOrAfter.remove(key);
      write(key, AlertRecords.next(previous, DeferralPattern.decision(force, f), policy.version(), now), timestamp);
    }
    for (Map.Entry<String, Alert> stale : atOrAfter.entrySet()) {
      write(stale.getKey(), AlertRecords.next(stale.getValue(), null, policy.version(), now), timestamp);
    }
  }

  private void write(String key, Alert next, long timestamp) {
    if (next != null) {
      fired.put(key, next);
      context.forward(new Record<>(next.getForce(), (SpecificRecord) next, timestamp));
    }
  }

  /** Drops entries and pattern alerts more than the horizon behind the stream time. */
  void sweep() {
    long streamTime = context.currentStreamTimeMs();
    if (streamTime == Long.MIN_VALUE) {
      return;
    }
    long from = streamTime - rules.horizonMillis();
    entrySweep.step(entries, (key, d) -> {
      if (d.getDisclosedAt().toEpochMilli() < from) {
        entries.delete(key);
      }
    });
    firedSweep.step(fired, (key, a) -> {
      if (a.getEventTime().toEpochMilli() < from) {
        fired.delete(key);
      }
    });
  }
}
