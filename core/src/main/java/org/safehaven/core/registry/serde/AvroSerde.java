package org.safehaven.core.registry.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.topic.Topic;

/**
 * Kafka Streams {@link Serde} for a generated Avro class in the Confluent wire format: an
 * {@link AvroSerializer} and an {@link AvroDeserializer} sharing one {@link ConfluentAvroCodec} (and so
 * one schema cache). Build one per topic's value type, e.g. {@code AvroSerde.forTopic(client, Topics.ALERTS)},
 * and pass it to {@code Consumed.with}/{@code Produced.with}; it is thread-safe, so all stream threads
 * may share it. See {@link AvroDeserializer} for handling bad records in a
 * {@code DeserializationExceptionHandler}.
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private ConfluentAvroCodec<T> codec;
  private boolean ownsCodec;

  /** For Kafka to create by class name ({@code default.value.serde}); {@link #configure} must follow. */
  public AvroSerde() {}

  /** A serde of values using a client the caller owns. */
  public AvroSerde(SchemaRegistryClient client, Class<T> type) {
    this(ConfluentAvroCodec.of(client, type));
  }

  /** A serde delegating to a codec the caller owns. */
  public AvroSerde(ConfluentAvroCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** The serde of a catalogued topic's values. */
  public static <T extends SpecificRecord> AvroSerde<T> forTopic(SchemaRegistryClient client, Topic<T> topic) {
    if (topic.valueType() == null) {
      throw new IllegalArgumentException("topic " + topic.name() + " holds raw bytes, not Avro records");
    }
    return new AvroSerde<>(client, topic.valueType());
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (codec == null) {
      codec = SerdeConfig.codecFrom(configs, isKey);
      ownsCodec = true;
    } else if (codec.isForKeys() != isKey) {
      codec = codec.forKeys(isKey);
    }
  }

  @Override
  public AvroSerializer<T> serializer() {
    return new AvroSerializer<>(codec());
  }

  @Override
  public AvroDeserializer<T> deserializer() {
    return new AvroDeserializer<>(codec());
  }

  public ConfluentAvroCodec<T> codec() {
    if (codec == null) {
      throw new IllegalStateException("AvroSerde was created by class name but not configured");
    }
    return codec;
  }

  @Override
  public void close() {
    if (ownsCodec && codec != null) {
      codec.close();
    }
  }
}
