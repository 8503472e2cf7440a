package org.safehaven.core.topic;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the platform: its name, what its key means, and the Avro record its values hold
 * ({@code null} for topics of raw bytes). Keys are always UTF-8 strings.
 *
 * @param name       the topic name
 * @param keyMeaning what the key is (personRef, reportId, force, ...), for readers and for partitioning
 * @param valueType  the generated Avro class of the values, or null for raw JSON/bytes topics
 * @param compacted  whether the topic is a compacted table rather than a retained log
 */
public record Topic<V extends SpecificRecord>(String name, String keyMeaning, Class<V> valueType, boolean compacted) {

  /** The registry subject of the values under the default TopicNameStrategy: {@code <topic>-value}. */
  public String valueSubject() {
    return name + "-value";
  }

  /** The Avro schema of the values, or null for a raw topic. */
  public Schema valueSchema() {
    if (valueType == null) {
      return null;
    }
    try {
      return (Schema) valueType.getMethod("getClassSchema").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("not a generated Avro class: " + valueType.getName(), e);
    }
  }
}
