package org.safehaven.indexer.pipeline;

import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.schema.DeadLetter;

/**
 * Writes the indexer's dead letters to the dead-letter topic, asynchronously. A record's offset may be
 * committed only once its dead letter is written, so {@link #send} reports completion and failure to the
 * caller instead of swallowing either.
 */
public final class DeadLetterWriter implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final ConfluentAvroCodec<DeadLetter> codec;
  private final String topic;

  public DeadLetterWriter(String bootstrap, SchemaRegistryClient registry, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "safehaven-indexer-dead-letters");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.codec = ConfluentAvroCodec.of(registry, DeadLetter.class);
    this.topic = topic;
  }

  /**
   * Sends one dead letter keyed by its force (or source topic).
   *
   * @param done   runs once the broker has it
   * @param failed runs when it could not be written (encoding or producing failed); the caller retries
   */
  public void send(DeadLetter letter, Runnable done, Consumer<Exception> failed) {
    byte[] value;
    try {
      value = codec.encode(topic, letter);
    } catch (RuntimeException e) {
      failed.accept(e);
      return;
    }
    String key = letter.getForce() != null ? letter.getForce() : letter.getSourceTopic();
    try {
      producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
        if (e == null) {
          done.run();
        } else {
          failed.accept(e);
        }
      });
    } catch (RuntimeException e) {
      failed.accept(e);
    }
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
