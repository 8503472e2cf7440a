package org.safehaven.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void defaultsDescribeAnEmbeddedStackOnFreePorts() {
    SafeHavenConfig c = new ConfigLoader(Map.of()).defaultsOnly();
    assertThat(c.kafka().embedded()).isTrue();
    assertThat(c.registry().embedded()).isTrue();
    assertThat(c.elasticsearch().embedded()).isTrue();
    assertThat(c.kafka().port()).isZero();
    assertThat(c.registry().compatibility()).isEqualTo("BACKWARD");
    assertThat(c.topics().partitions("safehaven.alerts")).isEqualTo(3);
  }

  @Test
  void laterLayersOverrideEarlierOnes() throws Exception {
    Path file = dir.resolve("safehaven.yml");
    Files.writeString(file, "kafka:\n  heapMb: 700\n  port: 19092\nregistry:\n  heapMb: 300\n");
    Map<String, String> env = Map.of("SAFEHAVEN_KAFKA_HEAP_MB", "800", "SAFEHAVEN_CONFIG", file.toString());
    SafeHavenConfig c = new ConfigLoader(env).load(null, List.of("kafka.port=19093"));
    assertThat(c.registry().heapMb()).isEqualTo(300); // file over defaults
    assertThat(c.kafka().heapMb()).isEqualTo(800);    // environment over file
    assertThat(c.kafka().port()).isEqualTo(19093);    // flag over everything
  }

  @Test
  void filePlaceholdersAreFilledFromTheEnvironmentOrTheirDefault() throws Exception {
    Path file = dir.resolve("safehaven.yml");
    Files.writeString(file, "kafka:\n  bootstrapServers: ${KAFKA_ADDR:-localhost:9092}\n"
        + "elasticsearch:\n  url: ${ES_URL:-}\n");
    SafeHavenConfig c = new ConfigLoader(Map.of("KAFKA_ADDR", "kafka-1:9092")).load(file, List.of());
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(c.kafka().embedded()).isFalse();
    assertThat(c.elasticsearch().embedded()).isTrue();
  }

  @Test
  void topicOverridesSetPartitionsAndRetentionPerTopic() throws Exception {
    Path file = dir.resolve("safehaven.yml");
    Files.writeString(file, "topics:\n  overrides:\n    safehaven.pnc-queries:\n      partitions: 12\n"
        + "      retentionHours: 8760\n");
    SafeHavenConfig c = new ConfigLoader(Map.of()).load(file, List.of());
    assertThat(c.topics().partitions("safehaven.pnc-queries")).isEqualTo(12);
    assertThat(c.topics().retentionHours("safehaven.pnc-queries")).isEqualTo(8760);
    assertThat(c.topics().partitions("safehaven.alerts")).isEqualTo(3);
    assertThat(c.topics().retentionHours("safehaven.alerts")).isZero();
  }

  @Test
  void unknownKeyInAFileIsRefusedByName() throws Exception {
    Path file = dir.resolve("safehaven.yml");
    Files.writeString(file, "kafka:\n  bootstrapServer: typo:9092\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrapServer");
  }

  @Test
  void unknownFlagIsRefusedWithTheKnownKeys() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, List.of("kafka.prot=1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting 'kafka.prot'")
        .hasMessageContaining("kafka.port");
  }

  @Test
  void invalidValueIsRefusedWithTheRule() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, List.of("kafka.port=70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.port must be 0 (a free port) or 1-65535");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, List.of("registry.compatibility=SOMETIMES")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("registry.compatibility");
  }

  @Test
  void nonNumericValueIsRefusedNotDefaulted() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, List.of("kafka.heapMb=lots")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void missingPlaceholderWithoutDefaultIsRefused() throws Exception {
    Path file = dir.resolve("safehaven.yml");
    Files.writeString(file, "kafka:\n  bootstrapServers: ${NOT_SET_ANYWHERE}\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NOT_SET_ANYWHERE");
  }

  @Test
  void environmentNamesFollowTheKeyPath() {
    assertThat(ConfigLoader.envName("kafka.bootstrapServers")).isEqualTo("SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(ConfigLoader.envName("startupTimeoutSeconds")).isEqualTo("SAFEHAVEN_STARTUP_TIMEOUT_SECONDS");
    assertThat(ConfigLoader.knownKeys()).contains("kafka.bootstrapServers", "elasticsearch.runAsUser", "dataDir");
  }
}
