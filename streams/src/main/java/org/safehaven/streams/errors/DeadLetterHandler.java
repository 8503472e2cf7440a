package org.safehaven.streams.errors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the application cannot use to the dead-letter topic ({@link Topics#DEAD_LETTERS}) and keeps it running, through
 * Kafka Streams' dead-letter records (KIP-1034): the handler returns the dead letter and Streams writes it
 * in the same transaction as the task's output and offsets, so under exactly-once a poison pill is skipped
 * exactly when its dead letter is written.
 *
 * <ul>
 *   <li>Undecodable input (wrong magic byte, unknown schema id, truncated or corrupt Avro, any other
 *       deserialization failure): a {@link DeadLetter} with stage STREAMS, the source topic, partition and
 *       offset, the serde's rule and reason, and the payload {@code (undecodable: N bytes)}: never the bytes,
 *       which could hold anything. Then processing resumes.</li>
 *   <li>Trouble around the record rather than in it ({@link SerdeException.Kind#badInput()} false: the
 *       registry unreachable or failing): the application stops instead, because skipping would lose a good
 *       record; it resumes from the same offset when restarted.</li>
 *   <li>An exception in our own processing of a decoded record (a bug): a dead letter whose payload is the
 *       record as JSON (canonical records carry only person references), so it can be replayed once fixed.</li>
 * </ul>
 *
 * <p>Configured with the serializer of dead letters under {@link #DEAD_LETTER_SERIALIZER_CONFIG} (an
 * instance, passed in the Streams properties).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  public static final String DEAD_LETTER_SERIALIZER_CONFIG = "safehaven.dead-letter.serializer";
  /** The dead-letter topic; {@link Topics#DEAD_LETTERS} when not set. */
  public static final String DEAD_LETTER_TOPIC_CONFIG = "safehaven.dead-letter.topic";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private Serializer<DeadLetter> serializer;
  private String topic = Topics.DEAD_LETTERS.name();

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs) {
    Object s = configs.get(DEAD_LETTER_SERIALIZER_CONFIG);
    if (!(s instanceof Serializer<?>)) {
      throw new ConfigException(DEAD_LETTER_SERIALIZER_CONFIG + " must hold the Serializer of DeadLetter records");
    }
    serializer = (Serializer<DeadLetter>) s;
    Object t = configs.get(DEAD_LETTER_TOPIC_CONFIG);
    if (t != null) {
      topic = t.toString();
    }
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                              ConsumerRecord<byte[], byte[]> record,
                                                              Exception exception) {
    SerdeException serde = serdeCause(exception);
    if (serde != null && !serde.kind().badInput()) {
      LOG.error("cannot decode {} partition {} offset {} for a reason outside the record ({}): stopping rather than"
          + " skipping it", record.topic(), record.partition(), record.offset(), serde.kind().rule());
      return DeserializationExceptionHandler.Response.fail();
    }
    String rule = serde != null ? serde.kind().rule() : "undecodable";
    // A SerdeException's message names topic, position and damage, never content; other exceptions'
    // messages might quote input, so only their type is kept.
    String reason = serde != null ? serde.at(record.partition(), record.offset()).getMessage()
        : "the value does not decode (" + exception.getClass().getSimpleName() + ")";
    int size = record.value() == null ? 0 : record.value().length;
    DeadLetter letter = DeadLetters.undecodable(record.topic(), record.partition(), record.offset(), rule, reason,
        size, Instant.now());
    LOG.warn("dead-lettered undecodable record {} partition {} offset {} ({}, {} bytes)", record.topic(),
        record.partition(), record.offset(), rule, size);
    return DeserializationExceptionHandler.Response.resume(List.of(toProducerRecord(record.topic(), letter)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                         Exception exception) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setStage(RejectionStage.STREAMS)
        .setReason("processing failed in " + context.processorNodeId() + " ("
            + exception.getClass().getSimpleName() + ")")
        .setRule("processing-error")
        .setSourceTopic(context.topic())
        .setSourcePartition(context.partition())
        .setSourceOffset(context.offset())
        .setPayload(record.value() == null ? null : record.value().toString())
        .setRejectedAt(Instant.now())
        .build();
    LOG.error("processing of {} partition {} offset {} failed in {}; dead-lettered", context.topic(),
        context.partition(), context.offset(), context.processorNodeId(), exception);
    return ProcessingExceptionHandler.Response.resume(List.of(toProducerRecord(context.topic(), letter)));
  }

  private ProducerRecord<byte[], byte[]> toProducerRecord(String sourceTopic, DeadLetter letter) {
    byte[] key = sourceTopic == null ? null : sourceTopic.getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, key, serializer.serialize(topic, letter));
  }

  private static SerdeException serdeCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SerdeException s) {
        return s;
      }
    }
    return null;
  }
}
