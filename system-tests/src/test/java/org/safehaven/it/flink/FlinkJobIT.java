package org.safehaven.it.flink;

import org.safehaven.core.topic.TopicReadiness;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.flink.DeferralJob;
import org.safehaven.flink.FlinkMain;
import org.safehaven.flink.io.KafkaIo;
import org.safehaven.flink.io.TopicNames;
import org.safehaven.rules.RuleSettings;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.generator.key.AnswerKey;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.Alert;
import picocli.CommandLine;

/**
 * The Flink job against the real stack (Kafka, the registry): a generated test world on canonical topics of
 * its own, the job's Kafka source and exactly-once Kafka sinks, and the alerts read back with
 * {@code read_committed}. Replay of the topics' history raises exactly the answer key's alerts of all four
 * rules (decided by the same rule kernel as the Streams application); a job deciding alerts live, cancelled
 * mid-stream and restored from its last checkpoint, raises every one of them exactly once.
 */
class FlinkJobIT {

  private static StackInfo stack;
  private static SchemaRegistryClient registry;
  private static RuleSettings rules;
  private static List<CanonicalRecord> records;
  private static List<KeyAlert> expected;

  @BeforeAll
  static void world(@TempDir Path dir) throws Exception {
    stack = SharedStack.get();
    registry = new HttpSchemaRegistryClient(stack.registryUrl());
    rules = RuleSettings.of(PolicyLoader.builtIn());
    Path file = dir.resolve("world.jsonl");
    int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(),
        new PrintStream(new ByteArrayOutputStream()))).execute("--profile", "test", "--seed", "31", "--quiet",
        file.toString());
    assertThat(code).isZero();
    EventValidator validator = new EventValidator(Limits.defaults(), Clock.systemUTC());
    CanonicalMapper mapper = new CanonicalMapper(new Pseudonymiser(PseudonymisationKey.parse(
        "8899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677", "flink IT")));
    records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (validator.validate(line.getBytes(StandardCharsets.UTF_8)) instanceof ValidEvent v && seen.add(v.eventId())) {
        records.add(mapper.map(v, Instant.now()));
      }
    }
    // The job decides all four rules with the rule kernel when asked to (replay; not the live platform's job).
    expected = AnswerKey.read(Path.of(file + ".key.jsonl")).stream().sorted(KeyAlert.ORDER).toList();
    assertThat(expected).hasSizeGreaterThan(20);
  }

  @Test
  void replayOfTheTopicsHistoryWritesExactlyTheKeysAlertsOnceToTheAlertsTopic() throws Exception {
    TopicNames topics = TopicNames.prefixed("it-flink-replay-" + UUID.randomUUID() + ".");
    createTopics(topics);
    produce(topics, records);

    StreamExecutionEnvironment env = env(null, null);
    new DeferralJob(KafkaIo.replaySource(stack.kafkaBootstrap(), stack.registryUrl(), topics, "it-flink-replay", null, null),
        KafkaIo.alertSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, "it-flink-replay-" + UUID.randomUUID()),
        KafkaIo.metricsSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, "it-flink-replay-m-" + UUID.randomUUID()),
        KafkaIo.deadLetterSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, "it-flink-replay-d-" + UUID.randomUUID()),
        rules, DeferralJob.Options.replay(rules, false)).execute(env, "flink IT replay");

    List<Alert> alerts = readCommitted(topics.alerts(), Alert.class, expected.size(), Duration.ofSeconds(2));
    assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    assertThat(asKey(alerts)).containsExactlyElementsOf(expected);
  }

  @Test
  void aLiveJobCancelledMidStreamAndRestoredFromItsLastCheckpointRaisesEachAlertOnce(@TempDir Path dir) throws Exception {
    TopicNames topics = TopicNames.prefixed("it-flink-live-" + UUID.randomUUID() + ".");
    createTopics(topics);
    int cut = cutNearMiddle(records);
    produce(topics, records.subList(0, cut));
    Path checkpoints = dir.resolve("checkpoints");
    String tx = "it-flink-live-" + UUID.randomUUID();
    // The end of the stream is decided the way production decides it at night: nothing more arrives, the feed
    // is quiet for quietAfter, and event time moves on with the wall clock from the feed's latest event (no
    // extra event is sent). The world's sparse partitions end days of event time before its last alerts; a
    // quiet partition follows the feed, not its own last event. quietAfter (5 s here, 30 s in production)
    // must outlast any stall of a partition that still has unread records, on a busy machine too.
    DeferralJob.Options live = new DeferralJob.Options(Duration.ofSeconds(1), Duration.ofSeconds(5), false);

    JobClient first = liveJob(topics, tx, live, checkpoints, null);
    long firstHalf = expected.stream().filter(a -> a.eventTime().toEpochMilli() < eventTime(records.get(cut - 1)))
        .count();
    List<Alert> before = readCommitted(topics.alerts(), Alert.class, (int) firstHalf / 2, Duration.ZERO);
    first.cancel().get(60, TimeUnit.SECONDS);
    assertThat(before).as("alerts committed before the crash").isNotEmpty();

    produce(topics, records.subList(cut, records.size()));
    Path last = FlinkMain.latestCheckpoint(checkpoints).orElseThrow(() -> new AssertionError("no checkpoint"));
    JobClient second = liveJob(topics, tx, live, checkpoints, last);
    try {
      List<Alert> alerts = readCommitted(topics.alerts(), Alert.class, expected.size(), Duration.ofSeconds(8));
      assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
      assertThat(asKey(alerts)).containsExactlyElementsOf(expected);
    } finally {
      second.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static JobClient liveJob(TopicNames topics, String tx, DeferralJob.Options options, Path checkpoints,
                                   Path restoreFrom) throws Exception {
    StreamExecutionEnvironment env = env(checkpoints, restoreFrom);
    new DeferralJob(KafkaIo.liveSource(stack.kafkaBootstrap(), stack.registryUrl(), topics, tx),
        KafkaIo.alertSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, tx),
        KafkaIo.metricsSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, tx),
        KafkaIo.deadLetterSink(stack.kafkaBootstrap(), stack.registryUrl(), topics, tx),
        rules, options).build(env);
    return env.executeAsync("flink IT live");
  }

  private static StreamExecutionEnvironment env(Path checkpoints, Path restoreFrom) {
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
    if (checkpoints != null) {
      c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
      c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    if (restoreFrom != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(2);
    return env;
  }

  /** An index near the middle after which the next event is at least a day later (no event is late at the cut). */
  private static int cutNearMiddle(List<CanonicalRecord> rs) {
    for (int i = rs.size() / 2; i < rs.size() - 1; i++) {
      if (eventTime(rs.get(i + 1)) - eventTime(rs.get(i)) >= Duration.ofHours(6).toMillis()) {
        return i + 1;
      }
    }
    throw new AssertionError("no quiet gap in the second half of the world");
  }

  private static long eventTime(CanonicalRecord r) {
    SpecificRecord v = r.value();
    if (v instanceof org.safehaven.schema.CrimeReported c) {
      return c.getReportedAt().toEpochMilli();
    }
    if (v instanceof org.safehaven.schema.CaseStatus s) {
      return s.getChangedAt().toEpochMilli();
    }
    if (v instanceof org.safehaven.schema.PncQuery q) {
      return q.getQueriedAt().toEpochMilli();
    }
    return ((org.safehaven.schema.Disclosure) v).getDisclosedAt().toEpochMilli();
  }

  private static void createTopics(TopicNames t) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
      List<NewTopic> all = new ArrayList<>();
      for (String in : t.inputs()) {
        all.add(new NewTopic(in, 3, (short) 1));
      }
      for (String out : List.of(t.alerts(), t.metrics(), t.deadLetters())) {
        all.add(new NewTopic(out, 1, (short) 1));
      }
      admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
      TopicReadiness.awaitWritable(admin, all.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(60));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void produce(TopicNames t, List<CanonicalRecord> rs) throws Exception {
    Map<Class<?>, ConfluentAvroCodec> codecs = new java.util.HashMap<>();
    try (KafkaProducer<String, byte[]> producer = SharedStack.bytesProducer(stack.kafkaBootstrap())) {
      for (CanonicalRecord r : rs) {
        String topic = switch (r.topic().name()) {
          case "safehaven.crime-reports" -> t.crimeReports();
          case "safehaven.case-status" -> t.caseStatus();
          case "safehaven.pnc-queries" -> t.pncQueries();
          default -> t.disclosures();
        };
        ConfluentAvroCodec codec = codecs.computeIfAbsent(r.value().getClass(),
            c -> ConfluentAvroCodec.of(registry, (Class) c));
        producer.send(new ProducerRecord<>(topic, r.key(), codec.encode(topic, r.value())));
      }
      producer.flush();
    }
  }

  /**
   * The committed records of a topic: polls from the beginning until at least {@code atLeast} are there and
   * nothing more arrived for {@code quiet} (so an extra or repeated record shows), or 180 s pass.
   */
  private static <T extends SpecificRecord> List<T> readCommitted(String topic, Class<T> type, int atLeast,
                                                                  Duration quiet) {
    ConfluentAvroCodec<T> codec = ConfluentAvroCodec.of(registry, type);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(topic, info.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      long lastChange = System.nanoTime();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(250))) {
          out.add(codec.decode(r.topic(), r.partition(), r.offset(), r.value()));
          lastChange = System.nanoTime();
        }
        if (out.size() >= atLeast && System.nanoTime() - lastChange >= quiet.toNanos()) {
          break;
        }
      }
    }
    return out;
  }

  private static List<KeyAlert> asKey(List<Alert> alerts) {
    return alerts.stream().map(a -> new KeyAlert(a.getRule(), a.getTriggeringEventId(), a.getForce(), a.getSeverity(),
        a.getReportId(), a.getEventTime(), a.getDelayHours(), a.getPhase(), a.getMixedRoles(), a.getOffence(),
        a.getChannel(), a.getRecipient(), a.getWindowDisclosures(), a.getWindowAfterClosure()))
        .sorted(KeyAlert.ORDER).toList();
  }
}
