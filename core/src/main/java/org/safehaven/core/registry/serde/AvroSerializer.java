package org.safehaven.core.registry.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.safehaven.core.registry.SchemaRegistryClient;

/**
 * Kafka {@link Serializer} writing generated Avro records in the Confluent wire format, registering
 * the schema under {@code <topic>-value} (TopicNameStrategy) on the first record of each topic. All the
 * work is {@link ConfluentAvroCodec}'s.
 *
 * <p>Two ways to make one: in our code, {@code new AvroSerializer<>(client, Alert.class)}; by class name
 * in producer properties ({@code value.serializer}), with {@link SerdeConfig#SCHEMA_REGISTRY_URL} and
 * {@link SerdeConfig#VALUE_TYPE} (and optionally {@link SerdeConfig#AUTO_REGISTER_SCHEMAS}) set.
 *
 * <p>A null record serializes to null (a tombstone). Failures are {@link SerdeException}s, which
 * {@code KafkaProducer.send} rethrows to the caller.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private ConfluentAvroCodec<T> codec;
  private boolean ownsCodec;

  /** For Kafka to create by class name; {@link #configure} must be called before use. */
  public AvroSerializer() {}

  /** A serializer of values using a client the caller owns. */
  public AvroSerializer(SchemaRegistryClient client, Class<T> type) {
    this(ConfluentAvroCodec.of(client, type));
  }

  /** A serializer delegating to a codec the caller owns. */
  public AvroSerializer(ConfluentAvroCodec<T> codec) {
    this.codec = java.util.Objects.requireNonNull(codec, "codec");
  }

  /**
   * Without a codec yet, builds one from the properties (see {@link SerdeConfig}); with one, only
   * {@code isKey} applies (it picks the subject {@code <topic>-key}).
   */
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
  public byte[] serialize(String topic, T data) {
    return codec().encode(topic, data);
  }

  public ConfluentAvroCodec<T> codec() {
    if (codec == null) {
      throw new IllegalStateException("AvroSerializer was created by class name but not configured");
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
