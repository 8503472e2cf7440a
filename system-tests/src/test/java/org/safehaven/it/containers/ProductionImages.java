package org.safehaven.it.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.safehaven.runtime.StackInfo;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka, Confluent's Schema Registry and Elasticsearch as containers of the very images docker-compose.yml deploys
 * (read from that file, whose versions ComposeFileTest ties to the root pom), for the *ContainerIT tests.
 *
 * <p>Contract: started lazily, once per test JVM, and only when a test asks (the tests are disabled before that
 * where no Docker engine answers); Testcontainers' reaper removes them when the JVM exits. One broker here, so
 * the registry's store topic has replication factor 1; the compose file runs three.
 */
public final class ProductionImages {

  private static final String KAFKA_ALIAS = "kafka";
  private static Network network;
  private static KafkaContainer kafka;
  private static GenericContainer<?> registry;
  private static GenericContainer<?> elasticsearch;

  private ProductionImages() {}

  /** The image a service of docker-compose.yml runs, e.g. {@code apache/kafka:4.2.1} for kafka-1. */
  public static String composeImage(String service) {
    Path root = Path.of(System.getProperty("safehaven.repo.root", ".."));
    try {
      JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(root.resolve("docker-compose.yml")));
      String image = compose.path("services").path(service).path("image").asText("");
      if (image.isEmpty()) {
        throw new IllegalStateException("docker-compose.yml has no image for service " + service);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kafka and the Schema Registry (Confluent-compatible URL); no Elasticsearch. */
  public static synchronized StackInfo kafkaAndRegistry() {
    startKafkaAndRegistry();
    return new StackInfo(kafka.getBootstrapServers(), registryUrl(), "http://unused.invalid", Path.of("."), Map.of(),
        Map.of());
  }

  /** Kafka, the Schema Registry and Elasticsearch. */
  public static synchronized StackInfo all() {
    startKafkaAndRegistry();
    if (elasticsearch == null) {
      GenericContainer<?> es = new GenericContainer<>(DockerImageName.parse(composeImage("elasticsearch")))
          .withEnv("discovery.type", "single-node")
          .withEnv("xpack.security.enabled", "false")
          .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
          .withExposedPorts(9200)
          .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=5s").forPort(9200)
              .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(4)));
      es.start();
      elasticsearch = es;
    }
    return new StackInfo(kafka.getBootstrapServers(), registryUrl(),
        "http://" + elasticsearch.getHost() + ":" + elasticsearch.getMappedPort(9200), Path.of("."), Map.of(), Map.of());
  }

  private static String registryUrl() {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
  }

  private static void startKafkaAndRegistry() {
    if (registry != null) {
      return;
    }
    network = Network.newNetwork();
    KafkaContainer k = new KafkaContainer(composeImage("kafka-1"))
        .withNetwork(network)
        .withListener(KAFKA_ALIAS + ":19092");
    k.start();
    kafka = k;
    GenericContainer<?> r = new GenericContainer<>(DockerImageName.parse(composeImage("schema-registry")))
        .withNetwork(network)
        .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
        .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_ALIAS + ":19092")
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
        .withExposedPorts(8081)
        .waitingFor(Wait.forHttp("/subjects").forPort(8081).forStatusCode(200)
            .withStartupTimeout(Duration.ofMinutes(3)));
    r.start();
    registry = r;
  }
}
