package org.safehaven.ingest.pipeline;

import java.util.Objects;
import org.safehaven.schema.RejectionStage;

/**
 * Which entry an event came through, and where exactly, for its dead letter.
 *
 * @param stage          FILE, HTTP or RAW_TOPIC
 * @param sourceTopic    the raw topic, for RAW_TOPIC
 * @param sourcePartition its partition, for RAW_TOPIC
 * @param sourceOffset   the offset (RAW_TOPIC) or the 1-based line number (FILE), else null
 */
public record Origin(RejectionStage stage, String sourceTopic, Integer sourcePartition, Long sourceOffset) {

  public Origin {
    Objects.requireNonNull(stage, "stage");
  }

  public static final Origin HTTP = new Origin(RejectionStage.HTTP, null, null, null);

  /** A line of a file: the file name is not recorded (it may be personal, e.g. a case worker's name). */
  public static Origin fileLine(long lineNumber) {
    return new Origin(RejectionStage.FILE, null, null, lineNumber);
  }

  public static Origin rawTopic(String topic, int partition, long offset) {
    return new Origin(RejectionStage.RAW_TOPIC, topic, partition, offset);
  }
}
