package org.safehaven.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;

/**
 * Event time for Kafka Streams: the time the event says it happened ({@code reportedAt},
 * {@code changedAt}, {@code queriedAt}, {@code disclosedAt}), never the time it arrived, so stream time,
 * lateness and punctuation all run on event time. Anything else keeps the record's own timestamp, or the
 * partition's time when that is missing.
 */
public final class EventTimeExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object v = record.value();
    if (v instanceof CrimeReported r) {
      return r.getReportedAt().toEpochMilli();
    } else if (v instanceof CaseStatus s) {
      return s.getChangedAt().toEpochMilli();
    } else if (v instanceof PncQuery q) {
      return q.getQueriedAt().toEpochMilli();
    } else if (v instanceof Disclosure d) {
      return d.getDisclosedAt().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
  }
}
