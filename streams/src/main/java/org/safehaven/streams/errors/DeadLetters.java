package org.safehaven.streams.errors;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;

/** The dead letters this application writes. Reasons never echo record content. */
public final class DeadLetters {

  /**
   * The rule of an event more than the horizon (the lookback) behind the newest event seen: the only events
   * this application refuses for their time (RuleSettings#horizonMillis).
   */
  public static final String BEYOND_HORIZON = "beyond-horizon";

  private DeadLetters() {
  }

  /** An event refused for its time under {@code rule}; the payload names it by its eventId only. */
  public static DeadLetter late(String eventId, String force, String rule, String reason,
                                Optional<RecordMetadata> source, Instant now) {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.STREAMS)
        .setReason(reason)
        .setRule(rule)
        .setEventId(eventId)
        .setForce(force)
        .setSourceTopic(source.map(RecordMetadata::topic).orElse(null))
        .setSourcePartition(source.map(RecordMetadata::partition).orElse(null))
        .setSourceOffset(source.map(RecordMetadata::offset).orElse(null))
        .setRejectedAt(now)
        .build();
  }

  /** A record whose bytes did not decode: the payload is a note of its size, never the bytes. */
  public static DeadLetter undecodable(String topic, int partition, long offset, String rule, String reason,
                                       int size, Instant now) {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.STREAMS)
        .setReason(reason)
        .setRule(rule)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setPayload("(undecodable: " + size + " bytes)")
        .setRejectedAt(now)
        .build();
  }
}
