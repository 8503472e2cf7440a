package org.safehaven.flink.io;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.event.InputEvents;
import org.safehaven.flink.event.Rejection;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;

/**
 * Reads the four canonical topics (Confluent wire format, schemas from the registry) into {@link InputEvent}s,
 * choosing the record type by topic. A poison pill (bytes that are not a readable record) becomes a REJECTED
 * event naming topic, partition, offset and the broken rule, which the job writes to the dead letters; the
 * job carries on. Trouble around the record (registry unreachable, an unknown topic) is thrown: skipping would
 * lose data, so the job fails and restarts from its last checkpoint instead. A tombstone (null value) is
 * skipped: canonical topics are logs, not tables.
 */
public final class CanonicalDeserializer implements KafkaRecordDeserializationSchema<InputEvent> {

  private static final long serialVersionUID = 1L;

  private final TopicNames topics;
  private final ConfluentAvroCodec<CrimeReported> reports;
  private final ConfluentAvroCodec<CaseStatus> statuses;
  private final ConfluentAvroCodec<PncQuery> queries;
  private final ConfluentAvroCodec<Disclosure> disclosures;

  public CanonicalDeserializer(TopicNames topics, String registryUrl) {
    this.topics = topics;
    this.reports = ConfluentAvroCodec.forRegistryUrl(registryUrl, CrimeReported.class);
    this.statuses = ConfluentAvroCodec.forRegistryUrl(registryUrl, CaseStatus.class);
    this.queries = ConfluentAvroCodec.forRegistryUrl(registryUrl, PncQuery.class);
    this.disclosures = ConfluentAvroCodec.forRegistryUrl(registryUrl, Disclosure.class);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<InputEvent> out) throws IOException {
    if (r.value() == null) {
      return;
    }
    String t = r.topic();
    try {
      InputEvent e;
      if (t.equals(topics.crimeReports())) {
        e = InputEvents.report(reports.decode(t, r.partition(), r.offset(), r.value()));
      } else if (t.equals(topics.caseStatus())) {
        e = InputEvents.status(statuses.decode(t, r.partition(), r.offset(), r.value()));
      } else if (t.equals(topics.pncQueries())) {
        e = InputEvents.query(queries.decode(t, r.partition(), r.offset(), r.value()));
      } else if (t.equals(topics.disclosures())) {
        e = InputEvents.disclosure(disclosures.decode(t, r.partition(), r.offset(), r.value()));
      } else {
        throw new IOException("the job does not read topic " + t);
      }
      out.collect(e);
    } catch (SerdeException e) {
      if (!e.kind().badInput()) {
        throw e;
      }
      out.collect(InputEvents.rejected(Rejection.of(e.getMessage(), e.kind().rule(), t, r.partition(), r.offset(),
          System.currentTimeMillis())));
    }
  }

  @Override
  public TypeInformation<InputEvent> getProducedType() {
    return TypeInformation.of(InputEvent.class);
  }
}
