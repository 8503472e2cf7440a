package org.safehaven.it.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.topic.Topic;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;

/**
 * One ingest service for every ingest IT of a run, on the run's shared stack, as {@code ./safehaven up}
 * would start it: its own data directory (dedup store, tokens, a stack.json naming it), its own
 * consumer group on the raw topic, a random pseudonymisation key, and a small body limit (1 MiB) so the
 * 413 answer is cheap to provoke. Closed when the test JVM exits.
 */
final class IngestItSupport {

  static final long MAX_BODY_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static IngestItSupport instance;

  final StackInfo stack;
  final Path dataDir;
  final IngestService service;
  final SchemaRegistryClient registry;
  final PseudonymisationKey key;

  private IngestItSupport(StackInfo stack, Path dataDir, IngestService service, SchemaRegistryClient registry,
                          PseudonymisationKey key) {
    this.stack = stack;
    this.dataDir = dataDir;
    this.service = service;
    this.registry = registry;
    this.key = key;
  }

  static synchronized IngestItSupport get() {
    if (instance == null) {
      try {
        StackInfo stack = SharedStack.get();
        Path dataDir = Files.createTempDirectory("safehaven-ingest-it");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        PseudonymisationKey key = PseudonymisationKey.parse(HexFormat.of().formatHex(k), "ingest IT");
        SafeHavenConfig config = new ConfigLoader(Map.of()).load(null, List.of(
            "ingest.maxBodyBytes=" + MAX_BODY_BYTES,
            "ingest.rawTopicGroupId=safehaven-ingest-it-" + UUID.randomUUID()));
        IngestService service = IngestService.start(
            new IngestService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(), dataDir), config, key);
        writeStackJson(dataDir, stack, service.httpUrl());
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
        instance = new IngestItSupport(stack, dataDir, service, registry, key);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          service.close();
          registry.close();
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** A stack.json as the runtime writes it, with the ingest service's URL among the extras. */
  static void writeStackJson(Path dataDir, StackInfo stack, String ingestUrl) throws IOException {
    ObjectNode root = JSON.createObjectNode()
        .put("kafkaBootstrap", stack.kafkaBootstrap())
        .put("registryUrl", stack.registryUrl())
        .put("dataDir", dataDir.toString());
    ObjectNode extras = root.putObject("extras");
    if (ingestUrl != null) {
      extras.put("ingestUrl", ingestUrl);
    }
    Files.writeString(dataDir.resolve("stack.json"), root.toPrettyString());
  }

  String token(AccessRole role) {
    return TokenStore.open(TokenStore.defaultFile(dataDir)).create(role, "ingest IT").token();
  }

  /** A record read back from a topic, with its key. */
  record Read<T>(String key, int partition, T value) {}

  /**
   * Every record on the topic (all partitions, from the beginning to the end offsets of now) that
   * matches the filter, decoded with the registry serde.
   */
  <T extends SpecificRecord> List<Read<T>> readAll(Topic<T> topic, Predicate<T> filter) {
    ConfluentAvroCodec<T> codec = ConfluentAvroCodec.of(registry, topic.valueType());
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<Read<T>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(topic.name(), info.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end within 60 s");
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          T value = codec.decode(r.topic(), r.partition(), r.offset(), r.value());
          if (filter.test(value)) {
            out.add(new Read<>(r.key(), r.partition(), value));
          }
        }
      }
    }
    return out;
  }

  /** Every record's text (Avro JSON form) on the given topics: for scanning outputs for raw identifiers. */
  String dumpAll(List<Topic<?>> topics) {
    StringBuilder sb = new StringBuilder();
    for (Topic<?> t : topics) {
      readAll(t, v -> true).forEach(r -> sb.append(r.key()).append(' ').append(r.value()).append('\n'));
    }
    return sb.toString();
  }

  /** Fails if any of the identifiers occurs in the text (as a whole identifier, not as a prefix of another). */
  static void assertNoRawIdentifier(String text, List<String> personIds) {
    for (String id : personIds) {
      if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(id) + "(?![0-9])").matcher(text).find()) {
        throw new AssertionError("a raw person identifier reached a topic (the identifier is not repeated here)");
      }
    }
  }
}
