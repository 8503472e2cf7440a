package org.safehaven.it.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.logging.LogCounts;
import org.safehaven.runtime.platform.StatusReporter;

/**
 * The status line's numbers against a real broker (the shared stack, topics and groups of this test's own):
 * each existing group's lag is its end offsets less what it committed, a group that has committed nothing is
 * left out, the counted topics count from the reporter's start, and ingest's counts are what a producer with its
 * client id sent in this JVM.
 */
class StatusReporterIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String INPUT = "status-it-" + RUN + ".input";
  private static final String CANONICAL = "status-it-" + RUN + ".canonical";
  private static final String ALERTS = "status-it-" + RUN + ".alerts";
  private static final String DEAD_LETTERS = "status-it-" + RUN + ".dead-letters";
  private static final String CLIENT = "status-it-" + RUN + "-ingest";

  private static String kafka;
  private static Admin admin;

  @BeforeAll
  static void topics() throws Exception {
    kafka = SharedStack.get().kafkaBootstrap();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    admin = Admin.create(p);
    admin.createTopics(List.of(new NewTopic(INPUT, 2, (short) 1), new NewTopic(CANONICAL, 1, (short) 1),
        new NewTopic(ALERTS, 3, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
  }

  @AfterAll
  static void close() throws Exception {
    admin.deleteTopics(List.of(INPUT, CANONICAL, ALERTS, DEAD_LETTERS)).all().get();
    admin.close();
  }

  @Test
  void theLineShowsTheLagOfEachExistingGroupAndCountsFromItsStart() throws Exception {
    try (KafkaProducer<byte[], byte[]> before = producer("status-it-" + RUN + "-before")) {
      for (int i = 0; i < 4; i++) {
        before.send(new ProducerRecord<>(ALERTS, i % 3, null, bytes("old alert " + i))).get();
      }
    }
    String lagging = "status-it-" + RUN + "-lagging";
    String caughtUp = "status-it-" + RUN + "-caught-up";
    String absent = "status-it-" + RUN + "-absent";
    StatusReporter.Settings settings = new StatusReporter.Settings(kafka, List.of(CANONICAL), ALERTS, DEAD_LETTERS,
        List.of(new StatusReporter.Group("lagging", lagging), new StatusReporter.Group("absent", absent),
            new StatusReporter.Group("caught-up", caughtUp)), CLIENT);
    LogCounts logged = new LogCounts(Map.of("org.safehaven.streams.person.PersonFlowsProcessor", 1_204L), Map.of());
    try (StatusReporter reporter = StatusReporter.open(settings, () -> logged);
         KafkaProducer<byte[], byte[]> ingest = producer(CLIENT)) {
      for (int i = 0; i < 10; i++) {
        ingest.send(new ProducerRecord<>(INPUT, i % 2, null, bytes("event " + i)));
      }
      for (int i = 0; i < 5; i++) {
        ingest.send(new ProducerRecord<>(CANONICAL, bytes("canonical " + i)));
      }
      ingest.send(new ProducerRecord<>(DEAD_LETTERS, bytes("rejected")));
      ingest.send(new ProducerRecord<>(ALERTS, 1, null, bytes("new alert")));
      ingest.flush();
      // 5 records on each input partition; the lagging group has read 2 of partition 0 and 1 of partition 1.
      commit(lagging, Map.of(new TopicPartition(INPUT, 0), 2L, new TopicPartition(INPUT, 1), 1L));
      commit(caughtUp, Map.of(new TopicPartition(INPUT, 0), 5L, new TopicPartition(INPUT, 1), 5L));

      StatusReporter.Status s = reporter.sample();

      assertThat(s.lag()).containsExactly(Map.entry("lagging", 7L), Map.entry("caught-up", 0L));
      assertThat(s.alerts()).as("alerts since the reporter opened").isEqualTo(1);
      assertThat(s.deadLetters()).isEqualTo(1);
      assertThat(s.accepted()).isEqualTo(5);
      assertThat(s.rejected()).isEqualTo(1);
      assertThat(s.line(LocalTime.of(14, 3, 5))).isEqualTo("14:03:05 in 5 (rejected 1) · alerts 1 · dead letters 1"
          + " · lag lagging 7, caught-up 0 · 1,204 warnings in the log");

      // Printed on its own every interval, through the given consumer.
      List<String> printed = Collections.synchronizedList(new ArrayList<>());
      reporter.start(Duration.ofMillis(300), printed::add, Path.of("/data/logs/safehaven.log"));
      await().atMost(Duration.ofSeconds(20)).until(() -> printed.size() >= 2);
      assertThat(new ArrayList<>(printed)).allSatisfy(l -> assertThat(l)
          .matches("\\d\\d:\\d\\d:\\d\\d (in 5 \\(rejected 1\\) · alerts 1 · dead letters 1 · lag lagging 7, caught-up 0"
              + " · 1,204 warnings in the log|logged in the last .*)"));
    }
  }

  private static void commit(String group, Map<TopicPartition, Long> offsets) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
      offsets.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
      c.commitSync(commit);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
