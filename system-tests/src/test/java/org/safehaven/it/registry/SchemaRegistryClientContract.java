package org.safehaven.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.IncompatibleSchemaException;
import org.safehaven.core.registry.RegistryUnavailableException;
import org.safehaven.core.registry.SchemaNotFoundException;
import org.safehaven.core.registry.SchemaRegistryClient.RegisteredSchema;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Disclosure;

/**
 * The hand-written client against a real registry: the shared stack's Apicurio (Confluent-compatible API,
 * {@link HttpSchemaRegistryClientIT}) or Confluent's own Schema Registry image ({@link SchemaRegistryClientContainerIT}),
 * with the same assertions. Every test works on subjects of its own, so tests and reruns never see each other's
 * schemas.
 */
abstract class SchemaRegistryClientContract {

  /** The registry's Confluent-compatible base URL. */
  protected abstract String registryUrl();

  private static final Schema V1 = record("{\"name\":\"eventId\",\"type\":\"string\"}");
  private static final Schema V2_WITH_DEFAULT = record(
      "{\"name\":\"eventId\",\"type\":\"string\"},{\"name\":\"force\",\"type\":\"string\",\"default\":\"\"}");
  private static final Schema V2_REQUIRED = record(
      "{\"name\":\"eventId\",\"type\":\"string\"},{\"name\":\"force\",\"type\":\"string\"}");

  private final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registryUrl());

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void registeredSchemaReadsBackByIdAndAsTheLatestVersionAndRegistersIdempotently() {
    String subject = unique("alerts") + "-value";

    int id = client.register(subject, Alert.getClassSchema());

    assertThat(new HttpSchemaRegistryClient(registryUrl()).getById(id))
        .isEqualTo(Alert.getClassSchema());
    RegisteredSchema latest = client.latest(subject);
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.schema()).isEqualTo(Alert.getClassSchema());
    assertThat(new HttpSchemaRegistryClient(registryUrl()).register(subject, Alert.getClassSchema()))
        .isEqualTo(id);
    assertThat(client.latest(subject).version()).isEqualTo(1);
    assertThat(new HttpSchemaRegistryClient(registryUrl()).lookupId(subject, Alert.getClassSchema()))
        .isEqualTo(id);
  }

  @Test
  void compatibilityLevelsRoundTripPerSubjectAndGlobally() {
    String subject = unique("levels") + "-value";
    client.register(subject, V1);
    String global = client.getCompatibility();

    client.setCompatibility(subject, "FULL_TRANSITIVE");
    assertThat(client.getCompatibility(subject)).isEqualTo("FULL_TRANSITIVE");
    client.setCompatibility(subject, "NONE");
    assertThat(client.getCompatibility(subject)).isEqualTo("NONE");

    // The global level is shared with every other test: set it to what the stack runs with, as
    // `./safehaven up` does, and leave it so.
    client.setCompatibility("BACKWARD");
    assertThat(client.getCompatibility()).isEqualTo("BACKWARD");
    assertThat(client.getCompatibility(unique("never-configured") + "-value")).isEqualTo("BACKWARD");
    if (!global.equals("BACKWARD")) {
      client.setCompatibility(global);
    }
  }

  @Test
  void underBackwardANewRequiredFieldIsRefusedAndAFieldWithADefaultIsAccepted() {
    String subject = unique("evolution") + "-value";
    client.register(subject, V1);
    client.setCompatibility(subject, "BACKWARD");

    assertThat(client.isCompatible(subject, V2_REQUIRED)).isFalse();
    assertThatThrownBy(() -> client.register(subject, V2_REQUIRED))
        .isInstanceOfSatisfying(IncompatibleSchemaException.class,
            e -> assertThat(e.subject()).isEqualTo(subject));

    assertThat(client.isCompatible(subject, V2_WITH_DEFAULT)).isTrue();
    int v2 = client.register(subject, V2_WITH_DEFAULT);
    assertThat(client.latest(subject).version()).isEqualTo(2);
    assertThat(client.latest(subject).id()).isEqualTo(v2);
  }

  @Test
  void anySchemaIsCompatibleWithASubjectThatHoldsNothingYet() {
    assertThat(client.isCompatible(unique("empty") + "-value", Disclosure.getClassSchema())).isTrue();
  }

  @Test
  void unknownIdSubjectOrSchemaIsSchemaNotFound() {
    String subject = unique("missing") + "-value";

    assertThatThrownBy(() -> client.getById(Integer.MAX_VALUE - 7)).isInstanceOf(SchemaNotFoundException.class);
    assertThatThrownBy(() -> client.latest(subject)).isInstanceOf(SchemaNotFoundException.class);
    assertThatThrownBy(() -> client.lookupId(subject, V1)).isInstanceOf(SchemaNotFoundException.class);
    client.register(subject, V1);
    assertThatThrownBy(() -> client.lookupId(subject, V2_REQUIRED)).isInstanceOf(SchemaNotFoundException.class);
  }

  @Test
  void registryOnAClosedPortIsUnavailableLongBeforeTheConnectTimeoutNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    HttpSchemaRegistryClient down = new HttpSchemaRegistryClient(url);

    long start = System.nanoTime();
    assertThatThrownBy(() -> down.register(unique("down") + "-value", V1))
        .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> {
          assertThat(e.registryUrl()).isEqualTo(url);
          assertThat(e.getMessage()).contains(url);
          assertThat(e.retriable()).isTrue();
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  static String unique(String what) {
    return "it-registry-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Schema record(String fields) {
    return new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"org.safehaven.it\",\"fields\":[" + fields + "]}");
  }
}
