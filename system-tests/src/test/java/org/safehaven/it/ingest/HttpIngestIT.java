package org.safehaven.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.id.ForceId;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.testkit.SampleEvents;
import org.safehaven.schema.RejectionStage;

/** {@code POST /api/v1/events} against the real broker and registry. */
class HttpIngestIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static IngestItSupport it;
  private static String kentToken;

  @BeforeAll
  static void start() {
    it = IngestItSupport.get();
    kentToken = it.token(AccessRole.force(ForceId.of("kent")));
  }

  private static HttpResponse<String> post(String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(it.service.httpUrl() + "/api/v1/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Events of one force only (the sample generator spreads them over every force). */
  private static List<String> kentEvents(String prefix, int n) {
    SampleEvents events = new SampleEvents(11, prefix, Instant.now().minus(1, ChronoUnit.HOURS), 10);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(events.next().replaceFirst("\"force\":\"[a-z-]+\"", "\"force\":\"kent\""));
    }
    return out;
  }

  @Test
  void noTokenIs401WithABearerChallenge() throws Exception {
    HttpResponse<String> r = post(null, kentEvents(FileImportIT.prefix("h"), 1).get(0));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("unauthorized");
  }

  @Test
  void anUnknownTokenIs401() throws Exception {
    assertThat(post("sh_not-a-real-token", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenOfAnotherForceIs403AndNothingOfTheRequestIsIngested() throws Exception {
    String prefix = FileImportIT.prefix("h403");
    List<String> events = kentEvents(prefix, 3);
    String essex = events.get(2).replace("\"force\":\"kent\"", "\"force\":\"essex\"");
    HttpResponse<String> r = post(kentToken, "[" + events.get(0) + "," + events.get(1) + "," + essex + "]");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("Exception");
    int written = 0;
    for (var t : Topics.CANONICAL) {
      written += it.readAll(t, v -> String.valueOf(v.get(0)).startsWith(prefix)).size();
    }
    assertThat(written).isZero();
    assertThat(post(it.token(AccessRole.OVERSIGHT), events.get(0)).statusCode()).isEqualTo(403);
  }

  @Test
  void aMixedArrayIsAnsweredItemByItem() throws Exception {
    String prefix = FileImportIT.prefix("hmix");
    List<String> events = kentEvents(prefix, 3);
    String bad = events.get(1).replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"arrest\"");
    String dupKey = events.get(2).replace("\"force\":\"kent\"", "\"force\":\"kent\",\"force\":\"kent\"");
    String body = "[" + events.get(0) + "," + bad + "," + events.get(2) + "," + events.get(0) + ", 17, " + dupKey + "]";

    HttpResponse<String> r = post(kentToken, body);

    assertThat(r.statusCode()).isEqualTo(207);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("read").asInt()).isEqualTo(6);
    assertThat(answer.path("accepted").asInt()).isEqualTo(2);
    assertThat(answer.path("duplicates").asInt()).isEqualTo(1);
    assertThat(answer.path("rejected").asInt()).isEqualTo(3);
    List<String> outcomes = new ArrayList<>();
    answer.path("items").forEach(i -> outcomes.add(i.path("index").asInt() + " " + i.path("outcome").asText()));
    assertThat(outcomes).containsExactly("0 ACCEPTED", "1 REJECTED", "2 ACCEPTED", "3 DUPLICATE", "4 REJECTED",
        "5 REJECTED");
    assertThat(answer.path("items").get(5).path("errors").get(0).path("rule").asText()).isEqualTo("duplicate-key");
    JsonNode error = answer.path("items").get(1).path("errors").get(0);
    assertThat(error.path("path").asText()).isEqualTo("$.type");
    assertThat(error.path("rule").asText()).isEqualTo("enum");
    assertThat(it.readAll(Topics.DEAD_LETTERS, d -> d.getStage() == RejectionStage.HTTP
        && d.getEventId() != null && d.getEventId().startsWith(prefix))).hasSize(1);
  }

  @Test
  void allAcceptedIs202AndAllRejectedIs400() throws Exception {
    String prefix = FileImportIT.prefix("h2");
    List<String> events = kentEvents(prefix, 2);
    assertThat(post(kentToken, events.get(0)).statusCode()).isEqualTo(202);
    assertThat(post(kentToken, events.get(0)).statusCode()).as("a duplicate is not an error").isEqualTo(202);
    HttpResponse<String> bad = post(kentToken, events.get(1).replace("\"force\":\"kent\"", "\"force\":\"kent\",\"name\":\"A\""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("unknown-field").contains("$.name").doesNotContain("\"A\"");
    assertThat(post(kentToken, "[1, 2").statusCode()).isEqualTo(400);
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    String huge = "[" + "{\"pad\":\"x\"},".repeat((int) (IngestItSupport.MAX_BODY_BYTES / 10)) + "{}]";
    HttpResponse<String> r = post(kentToken, huge);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("too-large");
  }
}
