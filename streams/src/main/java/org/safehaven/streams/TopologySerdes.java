package org.safehaven.streams;

import org.apache.kafka.common.serialization.Serde;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.AvroSerde;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncQuery;

/**
 * The serdes of the platform topics the application reads and writes (the Confluent wire format through the
 * schema registry). Internal topics and state stores use {@link org.safehaven.streams.serde.StateSerde}.
 */
public record TopologySerdes(
    Serde<CrimeReported> crimeReports,
    Serde<CaseStatus> caseStatus,
    Serde<PncQuery> pncQueries,
    Serde<Disclosure> disclosures,
    Serde<PersonRoles> personRoles,
    Serde<LineageRecord> lineage,
    Serde<Alert> alerts,
    Serde<DeadLetter> deadLetters) {

  /** Registry serdes for every topic, sharing one client (and so its schema cache). */
  public static TopologySerdes registry(SchemaRegistryClient client) {
    return new TopologySerdes(
        new AvroSerde<>(client, CrimeReported.class),
        new AvroSerde<>(client, CaseStatus.class),
        new AvroSerde<>(client, PncQuery.class),
        new AvroSerde<>(client, Disclosure.class),
        new AvroSerde<>(client, PersonRoles.class),
        new AvroSerde<>(client, LineageRecord.class),
        new AvroSerde<>(client, Alert.class),
        new AvroSerde<>(client, DeadLetter.class));
  }
}
