package org.safehaven.it.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.file.FileImporter;
import org.safehaven.ingest.file.ProgressListener;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.Alert;
import picocli.CommandLine;

/**
 * What the Streams ITs share: the run's stack, an ingest service of their own (own data dir and
 * pseudonymisation key), generated test worlds with their answer keys, and ways to wait for the application
 * and read what it wrote.
 *
 * <p>Why the worlds are ingested in two phases (context first: crime reports and case statuses; then the
 * flows): a test world squeezes 760 days into seconds of ingest, so the ~0.1 s by which role updates trail
 * the flows through the repartition topic is weeks of event time. Any order within the lateness gives the
 * same alerts (proved by AnswerKeyAgreementTest and the topology tests), except the documented case of an
 * alert already raised before a more recent report arrives, which stands; feeding the context first keeps
 * these exact-key tests about the real broker, exactly-once and recovery, not about that race. The ITs' policy
 * gives an allowed lateness of ten years for the same reason: the whole compressed world is "on time".
 */
final class StreamsItSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  private static StreamsItSupport instance;

  final StackInfo stack;
  final IngestService ingest;
  final SchemaRegistryClient registry;
  final Path dir;

  private StreamsItSupport(StackInfo stack, IngestService ingest, SchemaRegistryClient registry, Path dir) {
    this.stack = stack;
    this.ingest = ingest;
    this.registry = registry;
    this.dir = dir;
  }

  static synchronized StreamsItSupport get() {
    if (instance == null) {
      try {
        StackInfo stack = SharedStack.get();
        Path dir = Files.createTempDirectory("safehaven-streams-it");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        PseudonymisationKey key = PseudonymisationKey.parse(HexFormat.of().formatHex(k), "streams IT");
        SafeHavenConfig config = new ConfigLoader(Map.of()).load(null, List.of(
            "ingest.rawTopicGroupId=safehaven-streams-it-" + UUID.randomUUID()));
        IngestService ingest = IngestService.start(
            new IngestService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(), dir.resolve("ingest")), config, key);
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
        instance = new StreamsItSupport(stack, ingest, registry, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          ingest.close();
          registry.close();
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * A generated test world (400 days of the test profile: every edge case of the catalogue, a few hundred
   * alerts), split into its two ingest phases, with its key's real-time alerts.
   */
  record World(long seed, Path context, Path flows, Set<String> eventIds, List<String> expected) {}

  World generate(long seed) throws IOException {
    Path file = dir.resolve("world-" + seed + ".jsonl");
    int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream())))
        .execute("--profile", "test", "--seed", Long.toString(seed), "--days", "400", "--quiet", file.toString());
    if (code != 0) {
      throw new IllegalStateException("generate exited " + code);
    }
    List<String> context = new ArrayList<>();
    List<String> flows = new ArrayList<>();
    Set<String> eventIds = new HashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String type = "";
      try {
        JsonNode n = JSON.readTree(line);
        type = n.path("type").asText("");
        if (n.path("eventId").isTextual()) {
          eventIds.add(n.get("eventId").asText());
        }
      } catch (IOException e) {
        // A deliberately bad line: ingest rejects it whichever phase it is in.
      }
      (type.equals("pnc_query") || type.equals("disclosure") ? flows : context).add(line);
    }
    Path c = dir.resolve("world-" + seed + ".context.jsonl");
    Path f = dir.resolve("world-" + seed + ".flows.jsonl");
    Files.write(c, context, StandardCharsets.UTF_8);
    Files.write(f, flows, StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(file + ".key.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode n = JSON.readTree(line);
      String rule = n.get("rule").asText();
      if (rule.equals("PNC_IMMIGRATION_CHECK") || rule.equals("SHARED_AT_REPORT")) {
        expected.add(String.join("|", rule, n.get("triggeringEventId").asText(), n.get("force").asText(),
            n.get("severity").asText(), text(n, "reportId"), Instant.parse(n.get("eventTime").asText()).toString(),
            text(n, "delayHours"), text(n, "phase"), n.get("mixedRoles").asText(), text(n, "offence"),
            text(n, "channel"), text(n, "recipient")));
      }
    }
    expected.sort(null);
    return new World(seed, c, f, eventIds, expected);
  }

  /** An alert in the comparable form of the key's entries. */
  static String comparable(Alert a) {
    return String.join("|", a.getRule().name(), a.getTriggeringEventId(), a.getForce(), a.getSeverity().name(),
        str(a.getReportId()), a.getEventTime().toString(), str(a.getDelayHours()), str(a.getPhase()),
        Boolean.toString(a.getMixedRoles()), str(a.getOffence()), str(a.getChannel()), str(a.getRecipient()));
  }

  IngestCounts.Snapshot importFile(Path file) throws IOException {
    return new FileImporter(ingest.pipeline()).importFile(file, ProgressListener.NONE);
  }

  /** A policy with the published thresholds and an allowed lateness that covers a whole compressed test world. */
  Path itPolicy() throws IOException {
    Path p = dir.resolve("it-policy.yml");
    Files.writeString(p, "version: it-compressed-world\nallowedLateness: 3650d\n");
    return p;
  }

  /** The configuration of one application instance with its own id and state. */
  SafeHavenConfig appConfig(String applicationId) throws IOException {
    return new ConfigLoader(Map.of()).load(null, List.of(
        "dataDir=" + dir,
        "streams.applicationId=" + applicationId,
        "streams.stateDir=" + dir.resolve("state-" + applicationId),
        "streams.policyFile=" + itPolicy()));
  }

  /**
   * Waits until the application has consumed and committed everything now on the input topics and its
   * repartition topic (whose transaction markers leave one offset past the last record).
   */
  void awaitCaughtUp(String applicationId, Duration timeout) throws Exception {
    List<String> sources = List.of("safehaven.crime-reports", "safehaven.case-status", "safehaven.pnc-queries",
        "safehaven.disclosures");
    String repartition = applicationId + "-role-updates-repartition";
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
      int stable = 0;
      while (stable < 2) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the application " + applicationId + " did not catch up within " + timeout);
        }
        Thread.sleep(500);
        Map<TopicPartition, OffsetSpec> want = new HashMap<>();
        for (String t : concat(sources, repartition)) {
          for (var p : admin.describeTopics(List.of(t)).allTopicNames().get(30, TimeUnit.SECONDS).get(t).partitions()) {
            want.put(new TopicPartition(t, p.partition()), OffsetSpec.latest());
          }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(want).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        boolean done = true;
        for (var e : ends.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          long at = c == null ? 0 : c.offset();
          long slack = e.getKey().topic().equals(repartition) ? 1 : 0;
          if (at < e.getValue().offset() - slack) {
            done = false;
          }
        }
        stable = done ? stable + 1 : 0;
      }
    }
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  /**
   * The committed alerts about the world's events: polls the alerts topic from the beginning until at least
   * {@code expected} are there and nothing more arrives for {@code quiet}, so a duplicate or extra alert shows.
   */
  List<Alert> awaitAlerts(Set<String> eventIds, int expected, Duration quiet, Duration timeout) {
    ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.of(registry, Alert.class);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Alert> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor("safehaven.alerts", Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(info.topic(), info.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastChange = System.nanoTime();
      while (true) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(250))) {
          Alert a = codec.decode(r.topic(), r.partition(), r.offset(), r.value());
          if (eventIds.contains(a.getTriggeringEventId())) {
            out.add(a);
            lastChange = System.nanoTime();
          }
        }
        long now = System.nanoTime();
        if (out.size() >= expected && now - lastChange > quiet.toNanos()) {
          return out;
        }
        if (now > deadline) {
          return out;
        }
      }
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "null" : v.asText();
  }

  private static String str(Object o) {
    return o == null ? "null" : o.toString();
  }
}
