package org.safehaven.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input in every parameter of every endpoint: malformed dates, huge ranges, unknown parameters,
 * query-DSL fragments and script snippets. Every one is a 400 with a message that does not echo the
 * input, and Elasticsearch runs no search for any of them (its search counter on the world's indices
 * does not move).
 */
class ApiHostileInputIT {

  private static ApiWorld w;

  @BeforeAll
  static void world() {
    w = ApiWorld.get();
  }

  static final List<String> HOSTILE = List.of(
      "{\"match_all\":{}}",
      "{\"script\":{\"source\":\"ctx._source.force='x'\"}}",
      "\"}}]},\"query\":{\"match_all\":{}}",
      "kent OR 1=1",
      "*",
      "kent*",
      "ctx._source.remove('personRef')",
      "doc['force'].value",
      "<script>alert(1)</script>",
      "../../etc/passwd",
      "${jndi:ldap://x/y}",
      "PNC-1999/0123456A",
      "k".repeat(300),
      "9999-99-99",
      "now-1000y",
      "-1",
      "1 OR 1",
      "");

  static final Map<String, List<String>> ENDPOINTS = Map.of(
      "/api/v1/alerts", List.of("force", "rule", "severity", "from", "to", "page", "size"),
      "/api/v1/flows", List.of("groupBy", "force", "recipient", "channel", "offence", "from", "to"),
      "/api/v1/delays", List.of("groupBy", "force", "offence", "phase", "from", "to"),
      "/api/v1/metrics", List.of("force", "from", "to", "page", "size"));

  @Test
  void hostileValuesInEveryParameterAreRefusedAndNothingRuns() {
    long before = w.searchesRun();
    int checked = 0;
    for (var e : ENDPOINTS.entrySet()) {
      for (String param : e.getValue()) {
        for (String value : HOSTILE) {
          if (value.isEmpty()) {
            continue; // an empty value means "not given", which is valid
          }
          String url = e.getKey() + "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
          assertRefused(url, value);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(300);
    assertThat(w.searchesRun()).as("Elasticsearch ran no search for any hostile request").isEqualTo(before);
  }

  @Test
  void unknownParametersHugeRangesAndDeepPagesAreRefused() {
    long before = w.searchesRun();
    for (String url : List.of(
        "/api/v1/alerts?q=force:kent",
        "/api/v1/alerts?script=1",
        "/api/v1/alerts?" + URLEncoder.encode("{\"query\":1}", StandardCharsets.UTF_8) + "=1",
        "/api/v1/flows?source=x",
        "/api/v1/alerts/" + w.kentAlertId + "?pretty=true",
        "/api/v1/lineage/" + ApiWorld.REPORT + "?size=10000",
        "/api/v1/alerts?from=1970-01-01&to=2099-12-31",
        "/api/v1/flows?from=0001-01-01",
        "/api/v1/delays?from=2026-05-02&to=2026-05-01",
        "/api/v1/metrics?from=2000-01-01&to=2026-01-01",
        "/api/v1/alerts?page=100&size=500",
        "/api/v1/alerts?size=100000",
        "/api/v1/alerts?from=2026-01-01&from=2026-02-01",
        "/api/v1/flows?groupBy=personRef",
        "/api/v1/flows?groupBy=force,force",
        "/api/v1/delays?groupBy=recipient",
        "/api/v1/alerts?rule=" + "DELAYED_SHARING,".repeat(60))) {
      assertRefused(url, null);
    }
    assertThat(w.searchesRun()).isEqualTo(before);
  }

  @Test
  void malformedPathIdsAreRefused() {
    long before = w.searchesRun();
    for (String url : List.of(
        "/api/v1/alerts/" + URLEncoder.encode("{\"match_all\":{}}", StandardCharsets.UTF_8),
        "/api/v1/alerts/abc$def",
        "/api/v1/alerts/" + "a".repeat(65),
        "/api/v1/lineage/" + "R".repeat(129),
        "/api/v1/lineage/KENT%20123",
        "/api/v1/lineage/person/PNC-1999%2F0123456A",
        "/api/v1/lineage/person/ph_XYZ",
        "/api/v1/lineage/person/ph_" + "A".repeat(64))) {
      assertRefused(url, null);
    }
    assertThat(w.searchesRun()).isEqualTo(before);
  }

  @Test
  void aWellFormedIdThatLooksLikeQuerySyntaxIsOnlyEverAValue() {
    HttpResponse<String> r = w.get("/api/v1/lineage/" + URLEncoder.encode("*", StandardCharsets.UTF_8),
        w.tokens.get("oversight"));
    assertThat(r.statusCode()).as("'*' is a valid report id that matches nothing, not a wildcard").isEqualTo(404);
    HttpResponse<String> q = w.get("/api/v1/lineage/" + URLEncoder.encode("KENT-2026-000123\"}}", StandardCharsets.UTF_8),
        w.tokens.get("oversight"));
    assertThat(q.statusCode()).isEqualTo(404);
  }

  private static void assertRefused(String url, String value) {
    HttpResponse<String> r = w.get(url, w.tokens.get("oversight"));
    assertThat(r.statusCode()).as(url).isIn(400, 404);
    if (r.statusCode() == 404) {
      // Jetty refuses some malformed paths before routing; still JSON, still nothing ran.
      assertThat(url).contains("%");
    }
    JsonNode body = ApiWorld.json(r);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    if (value != null && value.length() > 3) {
      assertThat(r.body()).as("the input is not echoed").doesNotContain(value);
    }
  }
}
