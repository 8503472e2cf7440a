package org.safehaven.indexer.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.indexer.document.IndexDocument;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;

/**
 * The dead letters the indexer writes (stage {@code INDEXER}). Pure builders. Reasons are Elasticsearch's
 * sanitised by {@link RejectionReasons}, or the serde's, which name positions and never content.
 */
public final class DeadLetters {

  /** The rule of a record that decoded but could not be turned into a document. */
  public static final String UNMAPPABLE = "unmappable";

  private DeadLetters() {}

  /**
   * A document Elasticsearch refused for good. The payload is the document: it carries personRefs only
   * (ingest pseudonymised every person before the canonical topics), so it is safe to keep.
   *
   * @param rule   Elasticsearch's error type, e.g. {@code document_parsing_exception}
   * @param reason the sanitised reason
   */
  public static DeadLetter rejected(IndexDocument doc, TopicPartition source, long offset, String rule,
                                    String reason, Instant now) {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.INDEXER)
        .setReason("Elasticsearch refused the document " + shortId(doc.id()) + " for index " + doc.index()
            + ": " + reason)
        .setRule(rule)
        .setEventId(doc.eventId())
        .setForce(doc.force())
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(offset)
        .setPayload(new String(doc.source(), StandardCharsets.UTF_8))
        .setRejectedAt(now)
        .build();
  }

  /** A record whose bytes did not decode: a note of its size, never the bytes. */
  public static DeadLetter undecodable(SerdeException e, TopicPartition source, long offset, int size,
                                       Instant now) {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.INDEXER)
        .setReason(e.getMessage())
        .setRule(e.rule())
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(offset)
        .setPayload("(undecodable: " + size + " bytes)")
        .setRejectedAt(now)
        .build();
  }

  /** A record that decoded but broke an assumption of the document mapping (e.g. a missing field). */
  public static DeadLetter unmappable(RuntimeException e, TopicPartition source, long offset, Instant now) {
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.INDEXER)
        .setReason("the record could not be turned into a document (" + e.getClass().getSimpleName() + ")")
        .setRule(UNMAPPABLE)
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(offset)
        .setRejectedAt(now)
        .build();
  }

  /** Ids are ours (alert ids, event ids, force|day), but an event id may be long: keep the line short. */
  static String shortId(String id) {
    return id.length() <= 80 ? id : id.substring(0, 80) + "...";
  }
}
