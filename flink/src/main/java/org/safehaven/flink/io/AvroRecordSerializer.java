package org.safehaven.flink.io;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;

/**
 * Writes one Avro record type to one topic in the Confluent wire format, with a UTF-8 string key (the topic
 * catalogue's key meaning: force for alerts, {@code force|day} for metrics).
 */
public final class AvroRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final ConfluentAvroCodec<T> codec;
  private final SerializableFunction<T, String> key;

  public AvroRecordSerializer(String topic, String registryUrl, Class<T> type, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.codec = ConfluentAvroCodec.forRegistryUrl(registryUrl, type);
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
    String k = key.apply(element);
    return new ProducerRecord<>(topic, null, timestamp, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
        codec.encode(topic, element));
  }
}
