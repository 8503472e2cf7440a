package org.safehaven.it.streams;

import org.safehaven.core.topic.TopicReadiness;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Channel;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RejectionStage;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.streams.StreamsApp;
import org.safehaven.streams.TopicNames;

/**
 * The Kafka Streams application on the real broker and registry of the run's stack, on private topics. The
 * answer-key tests of every arrival mode (a file, a live feed, shuffled, a backlog, kill -9, a backfill) run
 * on the whole platform: {@code org.safehaven.it.arrival.ArrivalModesIT}.
 */
class StreamsAlertsIT {

  @Test
  void undecodableRecordsOnTheRealBrokerGoToTheDeadLettersWhileAlertsStillFlowUnderExactlyOnce() throws Exception {
    StreamsItSupport it = StreamsItSupport.get();
    // Private topics, so the poison pills never reach the platform topics other tests read.
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    TopicNames topics = TopicNames.PLATFORM.withPrefix(prefix);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, it.stack.kafkaBootstrap()))) {
      List<NewTopic> create = new ArrayList<>();
      for (String t : topics.all()) {
        create.add(new NewTopic(t, 3, (short) 1));
      }
      admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
      TopicReadiness.awaitWritable(admin, create.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(60));
    }
    String appId = "safehaven-streams-it-dlq-" + UUID.randomUUID();
    String victim = "ph_" + "ab".repeat(32);
    Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, it.stack.kafkaBootstrap());
    pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (StreamsApp app = StreamsApp.start(it.appConfig(appId), it.stack.kafkaBootstrap(), it.stack.registryUrl(), topics);
         KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
      app.awaitRunning(Duration.ofMinutes(2));
      RecordMetadata badMagic = producer.send(new ProducerRecord<>(topics.disclosures(), victim,
          "{\"type\":\"disclosure\"}".getBytes(StandardCharsets.UTF_8))).get();
      RecordMetadata unknownId = producer.send(new ProducerRecord<>(topics.crimeReports(), "R-1",
          ByteBuffer.allocate(12).put((byte) 0).putInt(Integer.MAX_VALUE - 7).putInt(42).array())).get();
      CrimeReported report = CrimeReported.newBuilder().setEventId("it-r1").setForce("kent").setReportId("KENT-IT-1")
          .setOccurredAt(t0.minusSeconds(3600)).setReportedAt(t0).setOffence(Offence.SEXUAL_OFFENCE)
          .setPersons(List.of(new ReportedPerson(victim, Role.VICTIM))).setAcceptedAt(Instant.now()).build();
      Disclosure disclosure = Disclosure.newBuilder().setEventId("it-d1").setForce("essex").setDisclosedAt(t0.plusSeconds(7200))
          .setPersonRef(victim).setRecipient(Recipient.IMMIGRATION_ENFORCEMENT).setChannel(Channel.NCCU_EMAIL)
          .setPurpose(Purpose.IMMIGRATION_STATUS_CHECK).setAcceptedAt(Instant.now()).build();
      producer.send(new ProducerRecord<>(topics.crimeReports(), "KENT-IT-1",
          ConfluentAvroCodec.of(it.registry, CrimeReported.class).encode(topics.crimeReports(), report))).get();
      producer.send(new ProducerRecord<>(topics.disclosures(), victim,
          ConfluentAvroCodec.of(it.registry, Disclosure.class).encode(topics.disclosures(), disclosure))).get();

      List<Alert> alerts = readAll(it, topics.alerts(), Alert.class, 1);
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.getRule()).isEqualTo(Rule.SHARED_AT_REPORT);
        assertThat(a.getTriggeringEventId()).isEqualTo("it-d1");
        assertThat(a.getForce()).isEqualTo("essex");
      });
      List<DeadLetter> letters = readAll(it, topics.deadLetters(), DeadLetter.class, 2);
      assertThat(letters).extracting(DeadLetter::getSourceTopic, DeadLetter::getSourcePartition,
              DeadLetter::getSourceOffset, DeadLetter::getRule)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(topics.disclosures(), badMagic.partition(), badMagic.offset(),
                  "bad-magic-byte"),
              org.assertj.core.groups.Tuple.tuple(topics.crimeReports(), unknownId.partition(), unknownId.offset(),
                  "unknown-schema-id"));
      assertThat(letters).allSatisfy(d -> {
        assertThat(d.getStage()).isEqualTo(RejectionStage.STREAMS);
        assertThat(d.getPayload()).matches("\\(undecodable: \\d+ bytes\\)");
      });
      assertThat(app.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
    }
  }

  /** Every committed record of a private topic, waiting until at least {@code atLeast} are there, then 2 s more. */
  private static <T extends org.apache.avro.specific.SpecificRecord> List<T> readAll(StreamsItSupport it, String topic,
                                                                                   Class<T> type, int atLeast) {
    ConfluentAvroCodec<T> codec = ConfluentAvroCodec.of(it.registry, type);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, it.stack.kafkaBootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      long settle = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settle)) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(250))) {
          out.add(codec.decode(r.topic(), r.partition(), r.offset(), r.value()));
        }
        if (out.size() >= atLeast && settle == Long.MAX_VALUE) {
          settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return out;
  }
}
