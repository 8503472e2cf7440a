package org.safehaven.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  private final KafkaBroker.Plan plan = new KafkaBroker.Plan(Path.of("/data/kafka"), 19092, 19093, 512);

  @Test
  void serverPropertiesDescribeOneCombinedNodeOnLoopbackWithReplicationFactorOne() throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(KafkaBroker.serverProperties(plan)));

    assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
    assertThat(p.getProperty("log.dirs")).isEqualTo("/data/kafka/data");
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("share.coordinator.state.topic.replication.factor")).isEqualTo("1");
  }

  @Test
  void brokerRunsKafkaMainWithTheConfiguredHeapAndItsOwnLoggingConfig() {
    assertThat(KafkaBroker.serverCommand(Path.of("/jdk/bin/java"), "a.jar:b.jar", plan))
        .startsWith("/jdk/bin/java")
        .contains("-Xmx512m", "-Dlogback.configurationFile=/data/kafka/logback.xml")
        .containsSubsequence("-cp", "a.jar:b.jar", "kafka.Kafka", "/data/kafka/server.properties");
  }

  @Test
  void formatUsesTheGivenClusterIdAndTheSameServerProperties() {
    assertThat(KafkaBroker.formatCommand(Path.of("/jdk/bin/java"), "a.jar", plan, "abc"))
        .containsSubsequence("kafka.tools.StorageTool", "format", "-t", "abc", "-c", "/data/kafka/server.properties");
  }
}
