package org.safehaven.it.stack;

import org.safehaven.core.topic.TopicReadiness;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.topic.Topic;
import org.safehaven.core.topic.Topics;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.EmbeddedStack;
import org.safehaven.runtime.RunningStack;
import org.safehaven.runtime.RuntimeLayout;
import org.safehaven.runtime.StackFile;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CaseStatusValue;

/** The shared stack as EmbeddedStack leaves it: every service healthy and bootstrapped. */
class StackIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static StackInfo stack;
  private static SafeHavenConfig config;
  private static Admin admin;
  private static HttpSchemaRegistryClient registry;

  @BeforeAll
  static void connect() {
    stack = SharedStack.get();
    config = SharedStack.config();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    admin = Admin.create(p);
    registry = new HttpSchemaRegistryClient(stack.registryUrl());
  }

  @AfterAll
  static void disconnect() {
    admin.close();
    registry.close();
  }

  @Test
  void everyPlatformTopicExistsWithItsConfiguredPartitionsAndRetention() throws Exception {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

    for (Topic<?> t : Topics.ALL) {
      assertThat(described.get(t.name()).partitions()).as(t.name())
          .hasSize(config.topics().partitions(t.name()));
      Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
      if (t.compacted()) {
        assertThat(c.get("cleanup.policy").value()).as(t.name()).isEqualTo("compact");
      } else {
        long hours = config.topics().retentionHours(t.name());
        assertThat(c.get("retention.ms").value()).as(t.name()).isEqualTo(hours == 0 ? "-1" : Long.toString(hours * 3_600_000));
      }
    }
  }

  @Test
  void registryCompatibilityIsBackwardAndEveryValueSchemaIsRegisteredUnderItsSubject() {
    assertThat(registry.getCompatibility()).isEqualTo("BACKWARD");
    for (Topic<?> t : Topics.ALL) {
      if (t.valueSchema() != null) {
        assertThat(registry.latest(t.valueSubject()).schema()).as(t.valueSubject()).isEqualTo(t.valueSchema());
      }
    }
  }

  @Test
  void elasticsearchClusterIsGreenOrYellow() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/_cluster/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asText()).isIn("green", "yellow");
  }

  @Test
  void stackJsonOnDiskDescribesTheRunningStackAndItsLiveChildren() {
    assertThat(StackFile.read(stack.dataDir())).isEqualTo(stack);
    if (config.kafka().embedded() && config.registry().embedded() && config.elasticsearch().embedded()) {
      assertThat(stack.pids()).containsOnlyKeys("kafka", "registry", "elasticsearch");
    }
    stack.pids().values().forEach(pid ->
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isPresent());
  }

  @Test
  void externalServicesAreUsedAsTheyAreAndTheBootstrapIsIdempotent() {
    Path dir = Path.of("target", "it-external-" + UUID.randomUUID()).toAbsolutePath();
    SafeHavenConfig external = ConfigLoader.fromSystemEnvironment().load(null, List.of(
        "dataDir=" + dir,
        "kafka.bootstrapServers=" + stack.kafkaBootstrap(),
        "registry.url=" + stack.registryUrl(),
        "elasticsearch.url=" + stack.elasticsearchUrl()));
    Map<String, Integer> versionsBefore = latestVersions();
    List<String> progress = new ArrayList<>();
    try (RunningStack again = EmbeddedStack.start(external, progress::add)) {
      assertThat(again.info().pids()).isEmpty();
      assertThat(again.info()).extracting(StackInfo::kafkaBootstrap, StackInfo::registryUrl, StackInfo::elasticsearchUrl)
          .containsExactly(stack.kafkaBootstrap(), stack.registryUrl(), stack.elasticsearchUrl());
      assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("Topics: 0 created, " + Topics.ALL.size()
          + " already there"));
      assertThat(StackFile.read(dir)).isEqualTo(again.info());
    }
    assertThat(dir.resolve("stack.json")).doesNotExist();
    assertThat(latestVersions()).as("registering the same schemas again adds no version").isEqualTo(versionsBefore);
  }

  private static Map<String, Integer> latestVersions() {
    Map<String, Integer> versions = new HashMap<>();
    for (Topic<?> t : Topics.ALL) {
      if (t.valueSchema() != null) {
        versions.put(t.valueSubject(), registry.latest(t.valueSubject()).version());
      }
    }
    return versions;
  }

  @Test
  void confluentWireFormatRecordIsReadBackByKafkasOwnConsoleConsumer() throws Exception {
    String topic = "it.wire-format." + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    TopicReadiness.awaitWritable(admin, List.of(topic), java.time.Duration.ofSeconds(60));
    int schemaId = registry.latest(Topics.CASE_STATUS.valueSubject()).id();
    CaseStatus record = CaseStatus.newBuilder()
        .setEventId("e-wire-1").setForce("kent").setReportId("KENT-2026-000123")
        .setStatus(CaseStatusValue.CLOSED)
        .setChangedAt(Instant.parse("2026-06-10T16:00:00Z"))
        .setAcceptedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .build();
    byte[] value = wireFormat(schemaId, record);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, "KENT-2026-000123", value)).get(30, TimeUnit.SECONDS);
    }

    byte[] printed = consoleConsumer(topic);

    assertThat(printed).as("the tool prints the value's bytes, then a newline").hasSize(value.length + 1);
    assertThat(printed[0]).as("magic byte").isZero();
    ByteBuffer header = ByteBuffer.wrap(printed, 1, 4);
    int idRead = header.getInt();
    assertThat(idRead).isEqualTo(schemaId);
    Schema writer = registry.getById(idRead);
    SpecificDatumReader<CaseStatus> reader = new SpecificDatumReader<>(writer, CaseStatus.getClassSchema());
    CaseStatus decoded = reader.read(null,
        DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(printed, 5, value.length), null));
    assertThat(decoded).isEqualTo(record);
  }

  /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro binary body. */
  private static byte[] wireFormat(int schemaId, CaseStatus record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(CaseStatus.class).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static KafkaProducer<String, byte[]> producer() {
    return SharedStack.bytesProducer(stack.kafkaBootstrap());
  }

  /** Runs org.apache.kafka.tools.consumer.ConsoleConsumer in a child JVM; returns exactly what it printed. */
  private static byte[] consoleConsumer(String topic) throws Exception {
    Path logging = Files.createTempFile("console-consumer-logback", ".xml");
    // The tool's own logging goes to stderr, so stdout holds nothing but the record.
    Files.writeString(logging, """
        <configuration>
          <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
            <encoder><pattern>%msg%n</pattern></encoder></appender>
          <root level="WARN"><appender-ref ref="ERR"/></root>
        </configuration>
        """);
    Path stderr = Files.createTempFile("console-consumer", ".err");
    Process p = new ProcessBuilder(RuntimeLayout.javaExecutable().toString(),
        "-Dlogback.configurationFile=" + logging,
        "-cp", RuntimeLayout.fromBuild().kafkaClasspath(),
        "org.apache.kafka.tools.consumer.ConsoleConsumer",
        "--bootstrap-server", stack.kafkaBootstrap(), "--topic", topic,
        "--from-beginning", "--max-messages", "1", "--timeout-ms", "60000")
        .redirectError(stderr.toFile())
        .start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("ConsoleConsumer exit code; stderr: %s", Files.readString(stderr)).isZero();
      return out;
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(logging);
      Files.deleteIfExists(stderr);
    }
  }
}
