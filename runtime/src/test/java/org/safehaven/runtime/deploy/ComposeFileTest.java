package org.safehaven.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.runtime.deploy.DeploymentFiles.environment;
import static org.safehaven.runtime.deploy.DeploymentFiles.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.runtime.ServeCommand;

/**
 * docker-compose.yml, read with Jackson YAML: one configuration (every SAFEHAVEN_* variable is a key the
 * ConfigLoader knows, by its own mapping, and every service's settings load), image versions equal to the root
 * pom's, a Kafka of three brokers with RF 3 / min ISR 2, health checks and ordered starts, and no secret inline.
 * No Docker engine is needed: this is what can be proven about the deployment where it cannot run.
 */
class ComposeFileTest {

  private static final JsonNode COMPOSE = DeploymentFiles.compose();
  private static final Map<String, String> POM = DeploymentFiles.pomProperties();

  // ---------------------------------------------------------------- (a) one configuration

  @Test
  void everySafeHavenVariableOfEveryServiceIsAKeyTheConfigLoaderKnows() {
    assertThat(DeploymentFiles.unknownSafeHavenVariables(COMPOSE)).isEmpty();
    long variables = services(COMPOSE).values().stream()
        .flatMap(s -> environment(s).keySet().stream()).filter(v -> v.startsWith("SAFEHAVEN_")).count();
    assertThat(variables).as("the check saw the services' settings").isGreaterThan(30);
  }

  @Test
  void anUnknownSafeHavenVariableInAComposeSnippetIsReportedWithItsService() {
    JsonNode snippet = DeploymentFiles.yaml("""
        services:
          streams:
            environment:
              SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS: kafka-1:9092
              SAFEHAVEN_STREAMS_THREAD_COUNT: "4"
          indexer:
            environment:
              - SAFEHAVEN_INDEXER_GROUP_ID=safehaven-indexer
              - SAFEHAVEN_ELASTICSEARCH_HOST=elasticsearch
              - JAVA_TOOL_OPTIONS=-Xmx1g
        """);

    assertThat(DeploymentFiles.unknownSafeHavenVariables(snippet))
        .containsExactly("streams: SAFEHAVEN_STREAMS_THREAD_COUNT", "indexer: SAFEHAVEN_ELASTICSEARCH_HOST");
  }

  @Test
  void everySafeHavenServiceLoadsItsSettingsThroughTheConfigLoaderAndHasTheAddressesItsCommandNeeds() {
    Map<String, JsonNode> safehaven = safeHavenServices();
    assertThat(safehaven.keySet())
        .containsExactlyInAnyOrder("safehaven-bootstrap", "ingest", "streams", "indexer", "api", "dashboard");
    safehaven.forEach((name, service) -> {
      SafeHavenConfig config = DeploymentFiles.config(service);
      List<String> command = new ArrayList<>();
      service.path("command").forEach(c -> command.add(c.asText()));
      assertThat(command).as(name).hasSize(2).startsWith("serve");
      ServeCommand.Service serve = ServeCommand.Service.valueOf(command.get(1));
      assertThat(serve.missingAddresses(config)).as(name).isEmpty();
    });
  }

  @Test
  void servicesThatCreateTopicsAgreeOnPartitionsAndReplication() {
    Set<String> seen = new TreeSet<>();
    safeHavenServices().forEach((name, service) -> {
      Map<String, String> env = environment(service);
      if (env.containsKey(ConfigLoader.envName("topics.replicationFactor"))) {
        SafeHavenConfig.TopicSettings topics = DeploymentFiles.config(service).topics();
        seen.add(topics.defaultPartitions() + "/" + topics.replicationFactor());
      }
    });
    assertThat(seen).containsExactly("12/3");
    assertThat(environment(services(COMPOSE).get("safehaven-bootstrap")))
        .containsKey(ConfigLoader.envName("topics.replicationFactor"));
  }

  @Test
  void everySafeHavenServiceReadsTheSameFileAndTheRawTopicAloneIsKeptOnlyAWeek() {
    assertThat(safeHavenServices().values()).extracting(s -> environment(s).get(ConfigLoader.ENV_CONFIG_FILE))
        .containsOnly("/etc/safehaven/safehaven.yml");
    SafeHavenConfig.TopicSettings topics = DeploymentFiles.config(services(COMPOSE).get("safehaven-bootstrap")).topics();
    for (org.safehaven.core.topic.Topic<?> t : org.safehaven.core.topic.Topics.ALL) {
      assertThat(topics.retentionHours(t.name())).as(t.name())
          .isEqualTo(t == org.safehaven.core.topic.Topics.EVENTS_RAW ? 168 : 0);
      assertThat(topics.partitions(t.name())).as(t.name()).isEqualTo(12);
    }
  }

  // ---------------------------------------------------------------- (b) versions

  @Test
  void infrastructureImagesCarryTheLibraryVersionsOfTheRootPom() {
    assertThat(POM).containsKeys("kafka.version", "elasticsearch.version", "flink.version", "project.version");
    Map<String, List<String>> byRepository = new HashMap<>();
    services(COMPOSE).values().forEach(s -> {
      String image = s.path("image").asText();
      byRepository.computeIfAbsent(DeploymentFiles.repository(image), k -> new ArrayList<>())
          .add(DeploymentFiles.tag(image));
    });

    assertThat(byRepository.get("apache/kafka")).containsOnly(POM.get("kafka.version"));
    assertThat(byRepository.get("docker.elastic.co/elasticsearch/elasticsearch")).containsOnly(POM.get("elasticsearch.version"));
    assertThat(byRepository.get("docker.elastic.co/kibana/kibana")).containsOnly(POM.get("elasticsearch.version"));
    assertThat(byRepository.get("safehaven/services")).containsOnly(POM.get("project.version"));
    assertThat(byRepository.get("safehaven/flink-job")).containsOnly(POM.get("project.version"));
    // The Flink images are built FROM the official image at flink.version (DockerfileTest reads that line).
    assertThat(DeploymentFiles.fromImages(DeploymentFiles.dockerfileLines()))
        .contains("flink:" + POM.get("flink.version") + "-java17");
    services(COMPOSE).forEach((name, s) -> {
      if (s.path("image").asText().startsWith("safehaven/flink-job")) {
        assertThat(s.path("build").path("target").asText()).as(name).isEqualTo("flink-job");
      }
    });
  }

  @Test
  void everyImageIsPinnedToAVersionNeverLatest() {
    services(COMPOSE).forEach((name, s) -> {
      String tag = DeploymentFiles.tag(s.path("image").asText());
      assertThat(tag).as(name + " image tag").isNotEmpty().isNotEqualTo("latest").matches(".*\\d.*");
    });
  }

  // ---------------------------------------------------------------- (c) Kafka

  @Test
  void kafkaIsThreeKraftBrokersWithReplicationFactorThreeAndMinInsyncTwo() {
    Map<String, Map<String, String>> brokers = services(COMPOSE).entrySet().stream()
        .filter(e -> e.getValue().path("image").asText().startsWith("apache/kafka:"))
        .collect(Collectors.toMap(Map.Entry::getKey, e -> environment(e.getValue())));

    assertThat(brokers).hasSize(3);
    assertThat(brokers.values()).extracting(e -> e.get("KAFKA_NODE_ID")).containsExactlyInAnyOrder("1", "2", "3");
    assertThat(brokers.values()).extracting(e -> e.get("CLUSTER_ID")).doesNotContainNull().containsOnly(
        brokers.values().iterator().next().get("CLUSTER_ID"));
    for (Map<String, String> env : brokers.values()) {
      assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(3);
      assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
          .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2");
    }
    String bootstrap = environment(services(COMPOSE).get("streams")).get("SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(bootstrap.split(",")).containsExactlyInAnyOrder(
        brokers.keySet().stream().map(b -> b + ":9092").toArray(String[]::new));
  }

  // ---------------------------------------------------------------- (d) secrets

  @Test
  void noSecretValueIsWrittenInTheComposeFile() {
    assertThat(DeploymentFiles.inlineSecrets(COMPOSE)).isEmpty();
    assertThat(COMPOSE.path("secrets").size()).isEqualTo(3);
    COMPOSE.path("secrets").forEach(s -> assertThat(s.path("file").asText()).startsWith("./deploy/secrets/"));
  }

  @Test
  void anInlineKeyATokenValueAndANonFileSecretAreEachReported() {
    JsonNode snippet = DeploymentFiles.yaml("""
        services:
          ingest:
            environment:
              SAFEHAVEN_PSEUDONYMISATION_KEY: 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
              SAFEHAVEN_PSEUDONYMISATION_KEY_FILE: /run/secrets/not_mounted
              DEMO_TOKEN: sh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        secrets:
          tokens:
            environment: TOKENS_JSON
        """);

    assertThat(DeploymentFiles.inlineSecrets(snippet)).containsExactlyInAnyOrder(
        "ingest: SAFEHAVEN_PSEUDONYMISATION_KEY carries the key itself",
        "ingest: SAFEHAVEN_PSEUDONYMISATION_KEY holds a token- or key-like value",
        "ingest: SAFEHAVEN_PSEUDONYMISATION_KEY_FILE points at no secret the service mounts",
        "ingest: DEMO_TOKEN holds a token- or key-like value",
        "secret tokens is not read from a file");
  }

  @Test
  void theTokenHashFileReachesEveryServiceThatAuthenticatesWhereTheTokenStoreReadsIt() {
    for (String name : List.of("ingest", "api", "dashboard")) {
      JsonNode service = services(COMPOSE).get(name);
      String dataDir = DeploymentFiles.config(service).dataDir().toString();
      List<String> targets = new ArrayList<>();
      service.path("secrets").forEach(s -> targets.add(s.path("target").asText()));
      assertThat(targets).as(name).contains(
          org.safehaven.core.auth.TokenStore.defaultFile(java.nio.file.Path.of(dataDir)).toString());
    }
  }

  // ---------------------------------------------------------------- health and order

  @Test
  void everyLongRunningServiceHasAHealthCheckAndEveryDependencyWaitsOnACondition() {
    assertThat(DeploymentFiles.healthProblems(COMPOSE)).isEmpty();
    assertThat(DeploymentFiles.oneShotServices(COMPOSE)).containsExactlyInAnyOrder("safehaven-bootstrap",
        "kibana-saved-objects");
  }

  @Test
  void aMissingHealthCheckAndADependencyWithoutAConditionAreReportedInASnippet() {
    JsonNode snippet = DeploymentFiles.yaml("""
        services:
          bootstrap:
            restart: "no"
          indexer:
            restart: unless-stopped
            depends_on:
              - elasticsearch
          api:
            restart: unless-stopped
            healthcheck:
              test: ["CMD-SHELL", "true"]
            depends_on:
              bootstrap:
                condition: service_started
              indexer:
                condition: service_healthy
          elasticsearch:
            restart: always
            healthcheck:
              test: ["CMD-SHELL", "true"]
        """);

    assertThat(DeploymentFiles.healthProblems(snippet)).containsExactlyInAnyOrder(
        "indexer has no health check",
        "indexer depends on elasticsearch without a condition",
        "api depends on one-shot bootstrap with service_started, not service_completed_successfully",
        "elasticsearch restarts always, not unless-stopped");
  }

  private static Map<String, JsonNode> safeHavenServices() {
    Map<String, JsonNode> out = new HashMap<>();
    services(COMPOSE).forEach((name, s) -> {
      if (s.path("image").asText().startsWith("safehaven/services:")) {
        out.put(name, s);
      }
    });
    return out;
  }
}
