package org.safehaven.ingest.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.topic.Topic;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.schema.DeadLetter;

/**
 * Writes canonical records and dead letters to Kafka in the Confluent wire format (schemas registered
 * through the registry client under {@code <topic>-value}).
 *
 * <p>The producer is idempotent ({@code enable.idempotence=true}, {@code acks=all}): a retried send
 * never duplicates a record, and the order per partition holds. Batching and compression come from the
 * {@code ingest.producer*} settings; values are encoded on the caller's thread, so the producer's
 * network thread only ships bytes. Thread-safe (one producer shared by every entry).
 */
public final class KafkaEventSink implements EventSink {

  private final KafkaProducer<String, byte[]> producer;
  private final Map<Class<?>, ConfluentAvroCodec<?>> codecs = new HashMap<>();

  public KafkaEventSink(String bootstrapServers, SchemaRegistryClient registry, SafeHavenConfig.Ingest settings) {
    this(producerProperties(bootstrapServers, settings), registry);
  }

  KafkaEventSink(Properties producerProperties, SchemaRegistryClient registry) {
    for (Topic<?> t : Topics.CANONICAL) {
      codecs.put(t.valueType(), ConfluentAvroCodec.of(registry, t.valueType()));
    }
    codecs.put(DeadLetter.class, ConfluentAvroCodec.of(registry, DeadLetter.class));
    this.producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
  }

  /** The producer settings ingest runs with (idempotent, acks=all, batching from the settings). */
  public static Properties producerProperties(String bootstrapServers, SafeHavenConfig.Ingest settings) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "safehaven-ingest");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, settings.producerLingerMs());
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.producerBatchBytes());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.producerCompression());
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
    // A send blocks at most this long when the buffer is full (back-pressure), then fails.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return p;
  }

  @Override
  public CompletableFuture<Void> canonical(CanonicalRecord record) {
    return send(record.topic().name(), record.key(), record.value());
  }

  @Override
  public CompletableFuture<Void> deadLetter(String key, DeadLetter letter) {
    return send(Topics.DEAD_LETTERS.name(), key, letter);
  }

  @Override
  public void canonical(CanonicalRecord record, Consumer<Throwable> done) {
    send(record.topic().name(), record.key(), record.value(), done);
  }

  @Override
  public void deadLetter(String key, DeadLetter letter, Consumer<Throwable> done) {
    send(Topics.DEAD_LETTERS.name(), key, letter, done);
  }

  private CompletableFuture<Void> send(String topic, String key, SpecificRecord value) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    send(topic, key, value, error -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(null);
      }
    });
    return done;
  }

  @SuppressWarnings("unchecked")
  private void send(String topic, String key, SpecificRecord value, Consumer<Throwable> done) {
    ConfluentAvroCodec<SpecificRecord> codec = (ConfluentAvroCodec<SpecificRecord>) codecs.get(value.getClass());
    if (codec == null) {
      throw new IllegalArgumentException("no codec for " + value.getClass().getSimpleName());
    }
    byte[] bytes = codec.encode(topic, value);
    producer.send(new ProducerRecord<>(topic, key, bytes), (metadata, error) -> done.accept(error == null ? null
        : new SinkUnavailableException(
            "Kafka did not acknowledge a record for " + topic + ": " + error.getClass().getSimpleName(), error)));
  }

  /**
   * The producer's own metrics of the group {@code producer-metrics} by name (e.g. {@code batch-size-avg},
   * {@code records-per-request-avg}, {@code compression-rate-avg}), for the benchmark and diagnostics.
   */
  public Map<String, Double> producerMetrics() {
    Map<String, Double> values = new TreeMap<>();
    producer.metrics().forEach((name, metric) -> {
      if (name.group().equals("producer-metrics") && metric.metricValue() instanceof Double d) {
        values.put(name.name(), d);
      }
    });
    return values;
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
