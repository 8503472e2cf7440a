package org.safehaven.streams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.safehaven.core.policy.Policy;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;
import org.safehaven.streams.errors.DeadLetterHandler;

/**
 * The real topology in a {@link TopologyTestDriver}, with the real registry serde over an in-memory
 * registry, and builders of the canonical events. One per test.
 */
final class Harness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

  final Policy policy;
  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final TopologySerdes serdes = TopologySerdes.registry(registry);
  final TopologyTestDriver driver;
  final TestInputTopic<String, CrimeReported> reports;
  final TestInputTopic<String, CaseStatus> statuses;
  final TestInputTopic<String, PncQuery> queries;
  final TestInputTopic<String, Disclosure> disclosures;
  final TestOutputTopic<String, Alert> alerts;
  final TestOutputTopic<String, LineageRecord> lineage;
  final TestOutputTopic<String, PersonRoles> personRoles;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  private int seq;

  Harness() {
    this(Policy.defaults("test-1"));
  }

  Harness(Policy policy) {
    this(policy, AlertsTopology.StateKind.IN_MEMORY);
  }

  Harness(Policy policy, AlertsTopology.StateKind state) {
    this.policy = policy;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "safehaven-streams-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // At-least-once here: the test driver runs no real transactions, and with exactly_once_v2 it drops
    // the dead letters that a DeserializationExceptionHandler returns (outside its mock transaction).
    // Exactly-once is proven on the real broker (StreamsAlertsExactlyOnceIT).
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(DeadLetterHandler.DEAD_LETTER_SERIALIZER_CONFIG, serdes.deadLetters().serializer());
    driver = new TopologyTestDriver(AlertsTopology.build(policy, serdes, 3, state), props);
    StringSerializer keys = new StringSerializer();
    reports = driver.createInputTopic(Topics.CRIME_REPORTS.name(), keys, serdes.crimeReports().serializer());
    statuses = driver.createInputTopic(Topics.CASE_STATUS.name(), keys, serdes.caseStatus().serializer());
    queries = driver.createInputTopic(Topics.PNC_QUERIES.name(), keys, serdes.pncQueries().serializer());
    disclosures = driver.createInputTopic(Topics.DISCLOSURES.name(), keys, serdes.disclosures().serializer());
    StringDeserializer keyReader = new StringDeserializer();
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), keyReader, serdes.alerts().deserializer());
    lineage = driver.createOutputTopic(Topics.LINEAGE.name(), keyReader, serdes.lineage().deserializer());
    personRoles = driver.createOutputTopic(Topics.PERSON_ROLES.name(), keyReader, serdes.personRoles().deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), keyReader, serdes.deadLetters().deserializer());
  }

  /** Raw bytes onto an input topic, as a misbehaving producer would write them. */
  void pipeBytes(String topic, String key, byte[] value) {
    driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
  }

  static String person(String name) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "ph_" + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ReportedPerson as(String person, Role role) {
    return new ReportedPerson(person, role);
  }

  String eventId(String prefix) {
    return prefix + "-" + (++seq);
  }

  CrimeReported report(String eventId, String force, String reportId, Instant reportedAt, Offence offence,
                       ReportedPerson... persons) {
    CrimeReported r = CrimeReported.newBuilder()
        .setEventId(eventId).setForce(force).setReportId(reportId)
        .setOccurredAt(reportedAt.minusSeconds(3600)).setReportedAt(reportedAt)
        .setOffence(offence).setPersons(List.of(persons)).setAcceptedAt(reportedAt)
        .build();
    reports.pipeInput(reportId, r);
    return r;
  }

  CaseStatus status(String eventId, String force, String reportId, CaseStatusValue value, Instant changedAt) {
    CaseStatus s = CaseStatus.newBuilder().setEventId(eventId).setForce(force).setReportId(reportId)
        .setStatus(value).setChangedAt(changedAt).setAcceptedAt(changedAt).build();
    statuses.pipeInput(reportId, s);
    return s;
  }

  PncQuery query(String eventId, String force, String person, PncReason reason, Instant queriedAt) {
    PncQuery q = PncQuery.newBuilder().setEventId(eventId).setForce(force).setQueryId("Q-" + eventId)
        .setQueriedAt(queriedAt).setOfficerId(force.toUpperCase() + "-O-1").setPersonRef(person)
        .setReason(reason).setAcceptedAt(queriedAt).build();
    queries.pipeInput(person, q);
    return q;
  }

  Disclosure disclose(String eventId, String force, String person, Recipient recipient, Instant disclosedAt) {
    Disclosure d = Disclosure.newBuilder().setEventId(eventId).setForce(force).setDisclosureId("D-" + eventId)
        .setDisclosedAt(disclosedAt).setPersonRef(person).setRecipient(recipient).setChannel(Channel.NCCU_PHONE)
        .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK).setAcceptedAt(disclosedAt).build();
    disclosures.pipeInput(person, d);
    return d;
  }

  /** Every alert record written since the last read, revisions included, in order. */
  List<Alert> alerts() {
    List<Alert> read = alerts.readValuesToList();
    written.addAll(read);
    return new ArrayList<>(read);
  }

  /** What a consumer holds after reading everything written: the latest revision of each alert, none withdrawn. */
  List<Alert> latestAlerts() {
    written.addAll(alerts.readValuesToList());
    return org.safehaven.rules.AlertRecords.latest(written);
  }

  private final List<Alert> written = new ArrayList<>();

  @Override
  public void close() {
    driver.close();
    registry.close();
  }
}
