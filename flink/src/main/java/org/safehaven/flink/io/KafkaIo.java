package org.safehaven.flink.io;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.flink.metrics.DailyMetrics;

/**
 * The job's Kafka edges, built with the current connector APIs.
 *
 * <p>Source: one {@link KafkaSource} over the four canonical topics ({@link CanonicalDeserializer}), reading
 * committed records only. Live: unbounded, from the group's committed offsets or else the earliest (so a
 * first start processes the topics' history). Replay: bounded, from the first record at or after
 * {@code from} to the last before {@code to} (Kafka record timestamps, i.e. when ingest wrote them), or the
 * whole history up to the end offsets of the moment the job starts.
 *
 * <p>Sinks: {@link KafkaSink}s with {@link DeliveryGuarantee#EXACTLY_ONCE}: records go out in a Kafka
 * transaction per checkpoint, committed when the checkpoint completes, so a reader with
 * {@code isolation.level=read_committed} sees each alert once even across a crash and restore. The
 * transaction timeout must stay under the broker's {@code transaction.max.timeout.ms} (15 min by default).
 */
public final class KafkaIo {

  /** Below the broker default maximum (15 min), above any sane checkpoint interval. */
  public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  private KafkaIo() {
  }

  public static KafkaSource<InputEvent> liveSource(String bootstrap, String registryUrl, TopicNames topics,
                                                   String groupId) {
    return base(bootstrap, registryUrl, topics, groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .build();
  }

  /**
   * @param from first record timestamp to read (inclusive), or null for the earliest
   * @param to   record timestamp to stop before, or null for the end offsets when the job starts
   */
  public static KafkaSource<InputEvent> replaySource(String bootstrap, String registryUrl, TopicNames topics,
                                                     String groupId, Instant from, Instant to) {
    return base(bootstrap, registryUrl, topics, groupId)
        .setStartingOffsets(from == null ? OffsetsInitializer.earliest() : OffsetsInitializer.timestamp(from.toEpochMilli()))
        .setBounded(to == null ? OffsetsInitializer.latest() : OffsetsInitializer.timestamp(to.toEpochMilli()))
        .build();
  }

  private static KafkaSourceBuilder<InputEvent> base(String bootstrap, String registryUrl, TopicNames topics,
                                                     String groupId) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
    p.setProperty("partition.discovery.interval.ms", "60000");
    p.setProperty("commit.offsets.on.checkpoint", "true");
    return KafkaSource.<InputEvent>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topics.inputs())
        .setGroupId(groupId)
        .setProperties(p)
        .setDeserializer(new CanonicalDeserializer(topics, registryUrl));
  }

  public static KafkaSink<Alert> alertSink(String bootstrap, String registryUrl, TopicNames topics, String txPrefix) {
    return sink(bootstrap, txPrefix + "-alerts",
        new AvroRecordSerializer<>(topics.alerts(), registryUrl, Alert.class, Alert::getForce));
  }

  public static KafkaSink<ForceDayMetrics> metricsSink(String bootstrap, String registryUrl, TopicNames topics,
                                                      String txPrefix) {
    return sink(bootstrap, txPrefix + "-metrics",
        new AvroRecordSerializer<>(topics.metrics(), registryUrl, ForceDayMetrics.class, DailyMetrics::key));
  }

  public static KafkaSink<DeadLetter> deadLetterSink(String bootstrap, String registryUrl, TopicNames topics,
                                                     String txPrefix) {
    SerializableFunction<DeadLetter, String> key = d -> d.getForce() != null ? d.getForce() : d.getStage().name();
    return sink(bootstrap, txPrefix + "-dead-letters",
        new AvroRecordSerializer<>(topics.deadLetters(), registryUrl, DeadLetter.class, key));
  }

  private static <T extends SpecificRecord> KafkaSink<T> sink(String bootstrap, String txPrefix,
                                                              AvroRecordSerializer<T> serializer) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(txPrefix)
        .setKafkaProducerConfig(p)
        .build();
  }
}
