package org.safehaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.runtime.ServeCommand.Service;

class ServeCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static SafeHavenConfig config(String... flags) {
    return new ConfigLoader(Map.of()).load(null, List.of(flags));
  }

  @Test
  void helpListsServeAmongTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).containsPattern("(?m)^\\s+serve\\s");
  }

  @Test
  void aServiceWithoutTheAddressesItNeedsRefusesInOneLineNamingTheKeysAndTheirVariables() {
    assertThat(run("serve", "indexer", "--set", "kafka.bootstrapServers=kafka-1:9092")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString())
        .startsWith("error: serve indexer runs against existing services and needs registry.url "
            + "(SAFEHAVEN_REGISTRY_URL), elasticsearch.url (SAFEHAVEN_ELASTICSEARCH_URL) to be set")
        .doesNotContain("kafka.bootstrapServers", "\tat ", "Exception");
  }

  @Test
  void eachServiceNeedsOnlyTheAddressesItUses() {
    SafeHavenConfig kafkaAndRegistry = config("kafka.bootstrapServers=k:9092", "registry.url=http://r:8081");

    assertThat(Service.bootstrap.missingAddresses(kafkaAndRegistry)).isEmpty();
    assertThat(Service.ingest.missingAddresses(kafkaAndRegistry)).isEmpty();
    assertThat(Service.streams.missingAddresses(kafkaAndRegistry)).isEmpty();
    for (Service s : List.of(Service.indexer, Service.api, Service.dashboard)) {
      assertThat(s.missingAddresses(kafkaAndRegistry)).containsExactly("elasticsearch.url (SAFEHAVEN_ELASTICSEARCH_URL)");
    }
    assertThat(Service.streams.missingAddresses(config()))
        .containsExactly("kafka.bootstrapServers (SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS)", "registry.url (SAFEHAVEN_REGISTRY_URL)");
  }

  @Test
  void anUnknownServiceIsAUsageErrorListingTheServices() {
    assertThat(run("serve", "kibana")).isEqualTo(2);
    assertThat(err.toString()).contains("bootstrap, ingest, streams, indexer, api, dashboard");
  }

  @Test
  void streamsCountAsAliveWhileRunningOrRebalancingButNotAfterAnError() {
    assertThat(ServeCommand.streamsAlive(KafkaStreams.State.RUNNING)).isTrue();
    assertThat(ServeCommand.streamsAlive(KafkaStreams.State.REBALANCING)).isTrue();
    assertThat(ServeCommand.streamsAlive(KafkaStreams.State.ERROR)).isFalse();
    assertThat(ServeCommand.streamsAlive(KafkaStreams.State.PENDING_ERROR)).isFalse();
    assertThat(ServeCommand.streamsAlive(KafkaStreams.State.NOT_RUNNING)).isFalse();
  }

  @Test
  void theAliveFileLivesUnderTheDataDirectoryNamedAfterTheService() {
    assertThat(ServeCommand.aliveFile(Path.of("/var/lib/safehaven"), Service.streams))
        .isEqualTo(Path.of("/var/lib/safehaven/run/streams.alive"));
  }
}
