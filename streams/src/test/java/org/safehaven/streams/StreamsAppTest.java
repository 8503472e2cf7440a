package org.safehaven.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.streams.errors.DeadLetterHandler;
import org.safehaven.streams.state.BoundedRocksDbConfig;
import picocli.CommandLine;

class StreamsAppTest {

  @Test
  void propertiesAskForExactlyOnceV2AndTheDeadLetterHandlerWithStateUnderTheDataDir() {
    SafeHavenConfig cfg = new ConfigLoader(Map.of()).load(null, List.of("dataDir=/var/safehaven",
        "streams.applicationId=sh-test", "streams.threads=2"));
    Properties p = StreamsApp.properties(cfg, "127.0.0.1:9092", TopologySerdes.registry(new InMemorySchemaRegistryClient()));
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("sh-test");
    assertThat(p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
    assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/safehaven/streams");
    assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterHandler.class);
    assertThat(p.get(DeadLetterHandler.DEAD_LETTER_SERIALIZER_CONFIG)).isNotNull();
    // Tuning from the typed configuration: every RocksDB store of the process shares one bounded cache.
    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbConfig.class);
    assertThat(p.get(BoundedRocksDbConfig.CACHE_BYTES_CONFIG)).isEqualTo(cfg.streams().rocksDbCacheBytes());
    assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)))
        .isEqualTo(cfg.streams().producerLingerMs());
    assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG))).isEqualTo("none");
    // The configuration is one Kafka Streams accepts as a whole.
    assertThat(new StreamsConfig(p).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
  }

  @Test
  void topicsThatAreNotCoPartitionedStopStartUpNamingBothTopics() {
    assertThat(StreamsApp.partitionsOfPersonTopics(TopicNames.PLATFORM, Map.of(Topics.CRIME_REPORTS.name(), 3, Topics.CASE_STATUS.name(), 3,
        Topics.PNC_QUERIES.name(), 6, Topics.DISCLOSURES.name(), 6))).isEqualTo(6);
    assertThatThrownBy(() -> StreamsApp.partitionsOfPersonTopics(TopicNames.PLATFORM, Map.of(Topics.CRIME_REPORTS.name(), 3,
        Topics.CASE_STATUS.name(), 3, Topics.PNC_QUERIES.name(), 3, Topics.DISCLOSURES.name(), 4)))
        .isInstanceOf(StreamsStartException.class)
        .hasMessageContaining(Topics.PNC_QUERIES.name()).hasMessageContaining(Topics.DISCLOSURES.name())
        .hasMessageContaining("personRef");
  }

  @Test
  void aBadPolicyFileStopsStartUpWithAClearMessageAndExitCode2(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yml");
    Files.writeString(policy, "version: bad-1\nimmediateWindow: -3h\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CommandLine(new StreamsMain(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8)))
        .execute("--bootstrap", "127.0.0.1:1", "--registry", "http://127.0.0.1:1", "--policy", policy.toString(),
            "--data-dir", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("immediateWindow")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }
}
