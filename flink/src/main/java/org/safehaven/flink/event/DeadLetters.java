package org.safehaven.flink.event;

import java.time.Instant;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;

/** The dead letters this job writes: a REJECTED event as a {@link DeadLetter}, stage FLINK, no content. */
public final class DeadLetters {

  private DeadLetters() {
  }

  public static DeadLetter of(InputEvent rejected) {
    Rejection r = rejected.rejection;
    return DeadLetter.newBuilder()
        .setStage(RejectionStage.FLINK)
        .setReason(r.reason == null ? "unreadable record" : r.reason)
        .setRule(r.rule)
        .setEventId(rejected.eventId)
        .setForce(rejected.force)
        .setSourceTopic(r.sourceTopic)
        .setSourcePartition(r.sourcePartition >= 0 ? r.sourcePartition : null)
        .setSourceOffset(r.sourceOffset >= 0 ? r.sourceOffset : null)
        .setPayload("(not copied" + (r.where != null ? ": " + r.where : "") + ")")
        .setRejectedAt(Instant.ofEpochMilli(r.rejectedAt))
        .build();
  }
}
