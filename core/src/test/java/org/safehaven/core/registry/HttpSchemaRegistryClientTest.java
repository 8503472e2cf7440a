package org.safehaven.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Alert;

/**
 * How the client words its requests and maps answers to typed errors: our own logic, checked against a
 * scripted HTTP endpoint. What a real registry answers is covered by HttpSchemaRegistryClientIT (Apicurio).
 */
class HttpSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{}";
  private volatile long delayMillis;
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  record Seen(String method, String path, String contentType, String authorization, String body) {}

  @AfterEach
  void stop() {
    released.countDown(); // frees a handler still holding back its answer
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void registerPostsTheSchemaWithItsTypeAndTheRegistryContentType() throws Exception {
    answer(200, "{\"id\":17}");

    int id = client().register("safehaven.alerts-value", Alert.getClassSchema());

    assertThat(id).isEqualTo(17);
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/safehaven.alerts-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    JsonNode sent = JSON.readTree(request.body());
    assertThat(sent.get("schemaType").asText()).isEqualTo("AVRO");
    assertThat(new Schema.Parser().parse(sent.get("schema").asText())).isEqualTo(Alert.getClassSchema());
  }

  @Test
  void registeringTheSameSchemaAgainIsAnsweredFromTheCacheAndSoIsItsId() {
    answer(200, "{\"id\":17}");
    HttpSchemaRegistryClient client = client();

    client.register("safehaven.alerts-value", Alert.getClassSchema());
    client.register("safehaven.alerts-value", Alert.getClassSchema());
    Schema byId = client.getById(17);

    assertThat(seen).hasSize(1);
    assertThat(byId).isEqualTo(Alert.getClassSchema());
  }

  @Test
  void schemaByIdIsFetchedOnceThenCached() {
    answer(200, "{\"schema\":" + JSON.valueToTree(Alert.getClassSchema().toString()) + "}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.getById(3)).isEqualTo(Alert.getClassSchema());
    assertThat(client.getById(3)).isEqualTo(Alert.getClassSchema());

    assertThat(seen).extracting(Seen::path).containsExactly("/apis/ccompat/v7/schemas/ids/3");
  }

  @Test
  void subjectIsEncodedAsOnePathSegment() {
    answer(200, "{\"id\":1,\"version\":2,\"schema\":" + JSON.valueToTree(Alert.getClassSchema().toString()) + "}");

    SchemaRegistryClient.RegisteredSchema latest = client().latest("odd subject/with slash");

    assertThat(seen.get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/odd%20subject%2Fwith%20slash/versions/latest");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.subject()).isEqualTo("odd subject/with slash");
  }

  @Test
  void unknownIdIsSchemaNotFoundWithTheRegistryErrorCode() {
    answer(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

    assertThatThrownBy(() -> client().getById(99))
        .asInstanceOf(type(SchemaNotFoundException.class))
        .satisfies(e -> {
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.getMessage()).contains("Schema 99 not found", "HTTP 404");
        });
  }

  @Test
  void conflictOnRegisterIsIncompatibleSchemaNamingTheSubject() {
    answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

    assertThatThrownBy(() -> client().register("safehaven.alerts-value", Alert.getClassSchema()))
        .asInstanceOf(type(IncompatibleSchemaException.class))
        .satisfies(e -> {
          assertThat(e.subject()).isEqualTo("safehaven.alerts-value");
          assertThat(e.retriable()).isFalse();
          assertThat(e.getMessage()).contains("incompatible with an earlier schema");
        });
  }

  @Test
  void conflictOnRegisterBecauseAnotherWriterJustRegisteredTheSameSchemaGivesThatSchemasId() {
    startServer(exchange -> new int[] {exchange.getRequestURI().getRawPath().endsWith("/versions") ? 409 : 200},
        exchange -> exchange.getRequestURI().getRawPath().endsWith("/versions")
            ? "{\"error_code\":409,\"message\":\"Conflict: artifact already exists\"}"
            : "{\"subject\":\"safehaven.alerts-value\",\"id\":7,\"version\":1,\"schema\":\"{}\"}");

    assertThat(client().register("safehaven.alerts-value", Alert.getClassSchema())).isEqualTo(7);
    assertThat(seen).extracting(Seen::path).containsExactly(
        "/apis/ccompat/v7/subjects/safehaven.alerts-value/versions", "/apis/ccompat/v7/subjects/safehaven.alerts-value");
  }

  @Test
  void invalidSchemaAnswerIsInvalidSchema() {
    answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

    assertThatThrownBy(() -> client().register("safehaven.alerts-value", Alert.getClassSchema()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("Invalid schema");
  }

  @Test
  void serviceUnavailableIsRetriableUnavailability() {
    answer(503, "<html><body>upstream connect error</body></html>");

    assertThatThrownBy(() -> client().getCompatibility())
        .asInstanceOf(type(RegistryUnavailableException.class))
        .satisfies(e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.getMessage()).contains("HTTP 503", "upstream connect error");
        });
  }

  @Test
  void notFoundWithoutAnErrorCodePointsAtTheBaseUrl() {
    answer(404, "Not Found");

    assertThatThrownBy(() -> client().getCompatibility())
        .asInstanceOf(type(RegistryRequestException.class))
        .satisfies(e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(-1);
          assertThat(e.getMessage()).contains("check the base URL", "/apis/ccompat/v7");
        });
  }

  @Test
  void otherRefusalCarriesStatusErrorCodeAndAShortenedMessage() {
    answer(400, "x".repeat(5000));

    assertThatThrownBy(() -> client().setCompatibility("BACKWARD"))
        .asInstanceOf(type(RegistryRequestException.class))
        .satisfies(e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.retriable()).isFalse();
          assertThat(e.getMessage()).hasSizeLessThan(500).endsWith("...");
        });
  }

  @Test
  void compatibilityWithASubjectThatHasNoVersionYetIsTrue() {
    answer(404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");

    assertThat(client().isCompatible("new-subject-value", Alert.getClassSchema())).isTrue();
  }

  @Test
  void subjectCompatibilityFallsBackToTheGlobalLevelWhenTheSubjectHasNone() {
    startServer(exchange -> exchange.getRequestURI().getPath().endsWith("/config")
        ? new int[] {200} : new int[] {404},
        exchange -> exchange.getRequestURI().getPath().endsWith("/config")
            ? "{\"compatibilityLevel\":\"BACKWARD\"}"
            : "{\"error_code\":40408,\"message\":\"Subject does not have subject-level compatibility configured\"}");

    assertThat(client().getCompatibility("safehaven.alerts-value")).isEqualTo("BACKWARD");
    assertThat(seen.get(0).path()).isEqualTo("/apis/ccompat/v7/config/safehaven.alerts-value");
  }

  @Test
  void unknownCompatibilityLevelIsRefusedBeforeAnyRequest() {
    answer(200, "{}");

    assertThatThrownBy(() -> client().setCompatibility("SIDEWAYS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BACKWARD_TRANSITIVE");
    assertThat(seen).isEmpty();
  }

  @Test
  void slowRegistryTimesOutAsUnavailableWithinTheRequestTimeout() {
    answer(200, "{\"compatibilityLevel\":\"NONE\"}");
    delayMillis = 3000;
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url(), Duration.ofSeconds(1), Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(client::getCompatibility)
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("did not answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void closedPortIsUnavailableAtOnceNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";

    long start = System.nanoTime();
    assertThatThrownBy(() -> new HttpSchemaRegistryClient(url).latest("safehaven.alerts-value"))
        .asInstanceOf(type(RegistryUnavailableException.class))
        .satisfies(e -> {
          assertThat(e.registryUrl()).isEqualTo(url);
          assertThat(e.getMessage()).contains(url, "safehaven.alerts-value");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() {
    answer(503, "down for maintenance");
    String withCredentials = url().replace("http://", "http://svc-safehaven:s3cr%40t@");
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(withCredentials);

    assertThatThrownBy(client::getCompatibility)
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageNotContaining("s3cr")
        .hasMessageNotContaining("svc-safehaven");
    assertThat(client.baseUrl()).isEqualTo(url());
    assertThat(client.toString()).doesNotContain("s3cr");
    assertThat(seen.get(0).authorization()).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString("svc-safehaven:s3cr@t".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void malformedUrlsAreRefused() {
    assertThatThrownBy(() -> new HttpSchemaRegistryClient("127.0.0.1:8081")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSchemaRegistryClient("ftp://host/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSchemaRegistryClient(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new HttpSchemaRegistryClient("http://host:8081/apis/ccompat/v7/").baseUrl())
        .isEqualTo("http://host:8081/apis/ccompat/v7");
  }

  @Test
  void closedClientRefusesFurtherRequests() {
    answer(200, "{\"compatibilityLevel\":\"NONE\"}");
    HttpSchemaRegistryClient client = client();
    client.close();

    assertThatThrownBy(client::getCompatibility).isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- scripted endpoint

  private HttpSchemaRegistryClient client() {
    return new HttpSchemaRegistryClient(url());
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  private void answer(int status, String body) {
    this.status = status;
    this.body = body;
    startServer(exchange -> new int[] {this.status}, exchange -> this.body);
  }

  private void startServer(java.util.function.Function<HttpExchange, int[]> statusOf,
                           java.util.function.Function<HttpExchange, String> bodyOf) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", exchange -> {
      byte[] request = exchange.getRequestBody().readAllBytes();
      seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization"), new String(request, StandardCharsets.UTF_8)));
      if (delayMillis > 0) {
        try {
          released.await(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = bodyOf.apply(exchange).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      try {
        exchange.sendResponseHeaders(statusOf.apply(exchange)[0], answer.length);
        exchange.getResponseBody().write(answer);
      } catch (IOException clientGone) {
        // The client timed out and hung up: expected in the timeout test.
      }
      exchange.close();
    });
    server.start();
  }
}
