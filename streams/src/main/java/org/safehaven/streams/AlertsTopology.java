package org.safehaven.streams;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseHistory;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.DelayedDisclosure;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.RoleHeld;
import org.safehaven.streams.pattern.ForcePatternProcessor;
import org.safehaven.streams.person.PersonFlowsProcessor;
import org.safehaven.streams.roles.ReportRolesProcessor;
import org.safehaven.streams.serde.StateSerde;

/**
 * The Kafka Streams topology of role tagging, lineage and the real-time rules: a pure function of the
 * policy, the serdes and the partition count of the person-keyed topics. No IO happens here;
 * {@link StreamsApp} runs it.
 *
 * <pre>
 *  crime-reports ─┐ (key reportId)                        pnc-queries ─┐ (key personRef)
 *  case-status  ──┴─▶ report-roles ─▶ RoleHeld by personRef ─▶ role-updates (repartition) ─┐
 *                      (reports, case-status)                              disclosures ───┴─▶ person-flows
 *                                                                  (person-roles, flows, emitted-alerts)
 *                                                       ─▶ person-roles (table), lineage, alerts (key force)
 *  every stage ─▶ dead-letters (late events; undecodable records through the DeadLetterHandler)
 * </pre>
 *
 * The role updates are re-keyed through a repartition topic with {@code personPartitions} partitions, the
 * partition count of pnc-queries and disclosures, so each person's roles and flows meet in one task.
 */
public final class AlertsTopology {

  /**
   * Held flows are stored at the start of their bucket of event time ({@link #flowBucket}): re-evaluating a
   * person walks one key range per bucket between the role's report and the stream time, so a bucket of a
   * quarter of the default lateness keeps that to about five; the price is up to a bucket more of held flows.
   */
  public static final Duration FLOW_BUCKET = Duration.ofHours(6);
  /**
   * Held (lineage-only) flows are kept this long past the allowed lateness before they drop: one flow bucket
   * (a flow is stored up to a bucket before its event time) and an hour more.
   */
  static final Duration RETENTION_MARGIN = FLOW_BUCKET.plusHours(1);

  private AlertsTopology() {
  }

  /** Where state lives: RocksDB on disk (the application), or the heap (fast unit tests of the logic). */
  public enum StateKind { PERSISTENT, IN_MEMORY }

  /** The topology on the platform's topics, with RocksDB state stores. */
  public static Topology build(Policy policy, TopologySerdes serdes, int personPartitions) {
    return build(policy, serdes, personPartitions, StateKind.PERSISTENT, TopicNames.PLATFORM);
  }

  public static Topology build(Policy policy, TopologySerdes serdes, int personPartitions, StateKind state) {
    return build(policy, serdes, personPartitions, state, TopicNames.PLATFORM);
  }

  public static Topology build(Policy policy, TopologySerdes serdes, int personPartitions, StateKind state,
                               TopicNames topics) {
    if (personPartitions < 1) {
      throw new IllegalArgumentException("personPartitions must be at least 1");
    }
    Serde<String> keys = Serdes.String();
    StreamsBuilder builder = new StreamsBuilder();
    EventTimeExtractor eventTime = new EventTimeExtractor();
    Duration retention = policy.allowedLateness().plus(RETENTION_MARGIN);

    boolean disk = state == StateKind.PERSISTENT;
    // No store uses Streams' record cache. Its index is a TreeMap of byte arrays, so every read walks ~17
    // lexicographic comparisons of keys that share long prefixes (PNC numbers, force report ids): profiled
    // at 18-20 % of a stream thread's Java time, while exactly-once commits every 100 ms flush its writes
    // anyway. Without it the reads reach RocksDB instead: an interleaved A/B measured no net change either
    // way (docs/benchmarks.md, issue 4), so the simpler path is kept.
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.REPORTS, disk), keys,
        StateSerde.of(CrimeReported.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.CASE_HISTORY, disk), keys,
        StateSerde.of(CaseHistory.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.PERSON_ROLES, disk), keys,
        StateSerde.of(PersonRoles.class)).withCachingDisabled());
    // Candidate flows and the alerts written are kept for the horizon (the lookback), so a role arriving late
    // re-decides them: RocksDB, like the roles. They are rare (immigration-status checks and disclosures to
    // immigration recipients), so the horizon costs little.
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.CANDIDATES, disk), keys,
        StateSerde.of(LineageRecord.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.ALERTS, disk), keys,
        StateSerde.of(Alert.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.DEFERRAL_ENTRIES, disk), keys,
        StateSerde.of(DelayedDisclosure.class)).withCachingDisabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(kv(StoreNames.PATTERN_ALERTS, disk), keys,
        StateSerde.of(Alert.class)).withCachingDisabled());
    // Other flows are held on the heap (changelogged) for the allowed lateness only, to re-tag their lineage
    // when a role arrives within it; they are most of the traffic and no rule fires on them. Bucketed in time
    // (FLOW_BUCKET), so a person's held flows are a key range in a handful of buckets.
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(StoreNames.FLOWS, retention, FLOW_BUCKET, false), keys,
        StateSerde.of(LineageRecord.class)).withCachingDisabled());

    // ---- role tagging, by report
    KStream<String, SpecificRecord> reportEvents = builder
        .stream(topics.crimeReports(), Consumed.with(keys, widened(serdes.crimeReports()))
            .withTimestampExtractor(eventTime).withName("crime-reports-in"))
        .merge(builder.stream(topics.caseStatus(), Consumed.with(keys, widened(serdes.caseStatus()))
                .withTimestampExtractor(eventTime).withName("case-status-in")), Named.as("report-events"));
    KStream<String, SpecificRecord> reportOut = reportEvents.process(() -> new ReportRolesProcessor(policy),
        Named.as("report-roles"), StoreNames.REPORTS, StoreNames.CASE_HISTORY);
    reportOut.filter((k, v) -> v instanceof DeadLetter, Named.as("report-dead-letters"))
        .to(topics.deadLetters(), Produced.with(keys, widened(serdes.deadLetters())).withName("report-dead-letters-out"));
    KStream<String, SpecificRecord> roleUpdates = reportOut
        .filter((k, v) -> v instanceof RoleHeld, Named.as("role-held"))
        .repartition(Repartitioned.<String, SpecificRecord>as("role-updates")
            .withKeySerde(keys)
            .withValueSerde(widened(StateSerde.of(RoleHeld.class)))
            .withNumberOfPartitions(personPartitions));

    // ---- lineage and the rules, by person
    KStream<String, SpecificRecord> personEvents = builder
        .stream(topics.pncQueries(), Consumed.with(keys, widened(serdes.pncQueries()))
            .withTimestampExtractor(eventTime).withName("pnc-queries-in"))
        .merge(builder.stream(topics.disclosures(), Consumed.with(keys, widened(serdes.disclosures()))
                .withTimestampExtractor(eventTime).withName("disclosures-in")), Named.as("flow-events"))
        .merge(roleUpdates, Named.as("person-events"));
    KStream<String, SpecificRecord> personOut = personEvents.process(() -> new PersonFlowsProcessor(policy),
        Named.as("person-flows"), StoreNames.PERSON_ROLES, StoreNames.CANDIDATES, StoreNames.ALERTS,
        StoreNames.FLOWS);

    personOut.split(Named.as("person-out-"))
        .branch((k, v) -> v instanceof Alert, Branched.withConsumer(s -> s
            .to(topics.alerts(), Produced.with(keys, widened(serdes.alerts())).withName("alerts-out")), "alerts"))
        .branch((k, v) -> v instanceof LineageRecord, Branched.withConsumer(s -> s
            .to(topics.lineage(), Produced.with(keys, widened(serdes.lineage())).withName("lineage-out")), "lineage"))
        // PersonRoles, or null: the tombstone of a person whose roles have all expired.
        .branch((k, v) -> v == null || v instanceof PersonRoles, Branched.withConsumer(s -> s
            .to(topics.personRoles(), Produced.with(keys, widened(serdes.personRoles())).withName("person-roles-out")),
            "person-roles"))
        .branch((k, v) -> v instanceof DeadLetter, Branched.withConsumer(s -> s
            .to(topics.deadLetters(), Produced.with(keys, widened(serdes.deadLetters())).withName("person-dead-letters-out")),
            "dead-letters"))
        // A disclosure's standing in its force's systematic-deferral pattern, re-keyed by force.
        .branch((k, v) -> v instanceof DelayedDisclosure, Branched.withConsumer(s -> s
            .repartition(Repartitioned.<String, SpecificRecord>as("deferral-entries")
                .withKeySerde(keys)
                .withValueSerde(widened(StateSerde.of(DelayedDisclosure.class))))
            .process(() -> new ForcePatternProcessor(policy), Named.as("force-pattern"), StoreNames.DEFERRAL_ENTRIES,
                StoreNames.PATTERN_ALERTS)
            .to(topics.alerts(), Produced.with(keys, widened(serdes.alerts())).withName("pattern-alerts-out")),
            "deferral"))
        .noDefaultBranch();
    return builder.build();
  }

  /**
   * A serde of one record type used where the stream carries {@link SpecificRecord}: sources whose streams
   * merge, and sinks behind a branch on the value's type. Sound because a source only ever yields the serde's
   * type and every sink is reached only through a branch (or filter) that admits exactly that type; it spares
   * a casting node, a forward and its metrics, per record and per stage.
   */
  @SuppressWarnings("unchecked")
  static Serde<SpecificRecord> widened(Serde<? extends SpecificRecord> serde) {
    return (Serde<SpecificRecord>) serde;
  }

  private static KeyValueBytesStoreSupplier kv(String name, boolean disk) {
    return disk ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
  }

  /** The window (bucket start) a held flow of event time {@code eventMillis} is stored under. */
  public static long flowBucket(long eventMillis) {
    return Math.floorDiv(eventMillis, FLOW_BUCKET.toMillis()) * FLOW_BUCKET.toMillis();
  }
}
