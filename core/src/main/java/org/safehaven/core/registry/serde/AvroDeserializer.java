package org.safehaven.core.registry.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.safehaven.core.registry.SchemaRegistryClient;

/**
 * Kafka {@link Deserializer} reading the Confluent wire format into a generated Avro class: the writer
 * schema comes from the registry by the id in the header and is resolved into the class's schema, so
 * records written with older schema versions read into today's class. All the work is
 * {@link ConfluentAvroCodec}'s.
 *
 * <p>Made like {@link AvroSerializer}: {@code new AvroDeserializer<>(client, Alert.class)}, or by class
 * name with {@link SerdeConfig#SCHEMA_REGISTRY_URL} and {@link SerdeConfig#VALUE_TYPE}.
 *
 * <p>Null bytes (a tombstone, Kafka's delete marker) give null: the one null this returns. Any other
 * bytes that are not a readable record throw {@link SerdeException} with its kind; never a silent null.
 *
 * <p>Where the failure happened: Kafka's {@code Deserializer} API passes only the topic, so the error
 * this class throws names the topic alone. The position is added by whoever holds the record:
 * <ul>
 *   <li>A plain {@code KafkaConsumer} using this as its value deserializer throws Kafka's
 *       {@code RecordDeserializationException} from {@code poll}, carrying the partition and offset, with
 *       the {@link SerdeException} as its cause; the caller may {@code seek} past it.</li>
 *   <li>A consumer that reads {@code byte[]} values (with {@code ByteArrayDeserializer}) calls
 *       {@link #deserialize(String, int, long, byte[])} with the {@code ConsumerRecord}'s position, and the
 *       error names it.</li>
 *   <li>In Kafka Streams the deserializer runs inside the stream thread's consumer; the configured
 *       {@code DeserializationExceptionHandler} ({@code handleError(ErrorHandlerContext,
 *       ConsumerRecord<byte[], byte[]>, Exception)} in Kafka 4.2) receives the raw record, and places the
 *       error with {@code serdeException.at(record.partition(), record.offset())}. It should resume (after
 *       producing a dead letter with {@code rule()} as its rule) only when {@code kind().badInput()} is
 *       true, and fail otherwise: a registry outage must stop the application, not skip records.</li>
 * </ul>
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private ConfluentAvroCodec<T> codec;
  private boolean ownsCodec;

  /** For Kafka to create by class name; {@link #configure} must be called before use. */
  public AvroDeserializer() {}

  /** A deserializer of values using a client the caller owns. */
  public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
    this(ConfluentAvroCodec.of(client, type));
  }

  /** A deserializer delegating to a codec the caller owns. */
  public AvroDeserializer(ConfluentAvroCodec<T> codec) {
    this.codec = java.util.Objects.requireNonNull(codec, "codec");
  }

  /** Without a codec yet, builds one from the properties (see {@link SerdeConfig}). */
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
  public T deserialize(String topic, byte[] data) {
    return codec().decode(topic, data);
  }

  /** As {@link #deserialize(String, byte[])}, naming the partition and offset in any error. */
  public T deserialize(String topic, int partition, long offset, byte[] data) {
    return codec().decode(topic, partition, offset, data);
  }

  public ConfluentAvroCodec<T> codec() {
    if (codec == null) {
      throw new IllegalStateException("AvroDeserializer was created by class name but not configured");
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
