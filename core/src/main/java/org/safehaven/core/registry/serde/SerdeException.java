package org.safehaven.core.registry.serde;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that could not be turned into bytes or back, with why ({@link Kind}) and where: the topic,
 * and the partition and offset when the caller knew them. A Kafka {@link SerializationException}, so
 * producers, consumers and Kafka Streams treat it as the serialization failure it is.
 *
 * <p>Messages name the topic, position, schema id and the kind of damage, and never the record's
 * content: a corrupt value may hold anything, including a person identifier pasted into the wrong system.
 *
 * <p>{@link Kind#badInput()} separates a poison pill (the bytes are wrong: send the record to the dead
 * letters and carry on) from trouble around the record (registry down, schema not registered: stop and
 * retry, or data would be lost).
 */
public final class SerdeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** What went wrong; {@link #rule()} is the short name a dead letter records. */
  public enum Kind {
    /** A zero-length value (null is a tombstone and is not an error). */
    EMPTY("empty-value", true),
    /** Fewer than the 5 bytes of the header (magic byte and schema id). */
    TOO_SHORT("too-short", true),
    /** The first byte is not 0: not the Confluent wire format (e.g. JSON, or another serializer's bytes). */
    WRONG_MAGIC_BYTE("bad-magic-byte", true),
    /** The registry does not know the schema id in the header. */
    UNKNOWN_SCHEMA_ID("unknown-schema-id", true),
    /** The writer schema cannot be read as the expected type (another record, or incompatible). */
    SCHEMA_MISMATCH("schema-mismatch", true),
    /** The Avro body ends before the record does. */
    TRUNCATED_BODY("truncated-avro", true),
    /** The Avro body does not decode (bad lengths, union or enum indexes) or has bytes left over. */
    CORRUPT_BODY("corrupt-avro", true),
    /** The registry could not be reached or is temporarily unable to answer. */
    REGISTRY_UNREACHABLE("registry-unreachable", false),
    /** The registry refused a request for another reason (see the message). */
    REGISTRY_ERROR("registry-error", false),
    /** Auto-registration is off and the schema is not registered under the subject. */
    SCHEMA_NOT_REGISTERED("schema-not-registered", false),
    /** The registry refused to register the schema as incompatible with the subject. */
    INCOMPATIBLE_SCHEMA("incompatible-schema", false),
    /** The record could not be encoded with its schema (e.g. a required field is null). */
    ENCODE_FAILED("encode-failed", false);

    private final String rule;
    private final boolean badInput;

    Kind(String rule, boolean badInput) {
      this.rule = rule;
      this.badInput = badInput;
    }

    /** The short name of the broken rule, as a dead letter records it (e.g. {@code bad-magic-byte}). */
    public String rule() {
      return rule;
    }

    /**
     * True when the bytes themselves are at fault: skipping the record to the dead letters is right and
     * retrying cannot help. False when the record may be fine and the environment is not: stop, do not skip.
     */
    public boolean badInput() {
      return badInput;
    }
  }

  private final Kind kind;
  private final String topic;
  private final Integer partition;
  private final Long offset;
  private final Integer schemaId;
  private final String detail;

  SerdeException(Kind kind, String topic, Integer partition, Long offset, Integer schemaId, String detail,
                 Throwable cause) {
    super(message(kind, topic, partition, offset, detail), cause);
    this.kind = kind;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.schemaId = schemaId;
    this.detail = detail;
  }

  /**
   * The same failure, placed at a partition and offset. For callers that learn the position only after
   * the deserializer failed, e.g. Kafka Streams' {@code DeserializationExceptionHandler}, which receives
   * the {@code ConsumerRecord}.
   */
  public SerdeException at(int partition, long offset) {
    SerdeException placed = new SerdeException(kind, topic, partition, offset, schemaId, detail, getCause());
    placed.setStackTrace(getStackTrace());
    return placed;
  }

  public Kind kind() {
    return kind;
  }

  /** The short name of the broken rule; see {@link Kind#rule()}. */
  public String rule() {
    return kind.rule();
  }

  public String topic() {
    return topic;
  }

  public OptionalInt partition() {
    return partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
  }

  public OptionalLong offset() {
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** The schema id read from the header or used for writing, when one was known. */
  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }

  private static String message(Kind kind, String topic, Integer partition, Long offset, String detail) {
    StringBuilder where = new StringBuilder("topic '").append(topic).append('\'');
    if (partition != null) {
      where.append(" partition ").append(partition);
    }
    if (offset != null) {
      where.append(" offset ").append(offset);
    }
    return kind.rule() + " at " + where + ": " + detail;
  }
}
