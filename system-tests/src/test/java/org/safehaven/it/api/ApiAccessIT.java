package org.safehaven.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safehaven.it.indexer.Samples;

/**
 * The full access matrix on real data: every endpoint of the query API, for no token, a bad token,
 * OVERSIGHT, the own force (kent), another force (essex, on kent's resources) and RESEARCHER, with the
 * expected status and what the answer may and may not contain.
 */
class ApiAccessIT {

  private static ApiWorld w;

  @BeforeAll
  static void world() {
    w = ApiWorld.get();
  }

  enum Who { NONE, BAD, OVERSIGHT, OWN_FORCE, OTHER_FORCE, RESEARCHER, OPERATOR }

  private static String token(Who who) {
    return switch (who) {
      case NONE -> null;
      case BAD -> "sh_" + "A".repeat(43);
      case OVERSIGHT -> w.tokens.get("oversight");
      case OWN_FORCE -> w.tokens.get("kent");
      case OTHER_FORCE -> w.tokens.get("essex");
      case RESEARCHER -> w.tokens.get("researcher");
      case OPERATOR -> w.tokens.get("operator");
    };
  }

  /** endpoint, then the status for NONE, BAD, OVERSIGHT, OWN_FORCE, OTHER_FORCE, RESEARCHER, OPERATOR. */
  static Stream<Arguments> matrix() {
    String alert = "/api/v1/alerts/" + ApiWorld.get().kentAlertId;
    String person = "/api/v1/lineage/person/" + Samples.ref("victim-a");
    List<Arguments> rows = new ArrayList<>();
    rows.add(Arguments.of("/api/v1/alerts?" + ApiWorld.RANGE, List.of(401, 401, 200, 200, 200, 403, 403)));
    rows.add(Arguments.of(alert, List.of(401, 401, 200, 200, 404, 403, 403)));
    rows.add(Arguments.of("/api/v1/flows?" + ApiWorld.RANGE, List.of(401, 401, 200, 200, 200, 200, 403)));
    rows.add(Arguments.of("/api/v1/delays?" + ApiWorld.RANGE, List.of(401, 401, 200, 200, 200, 200, 403)));
    rows.add(Arguments.of("/api/v1/metrics?" + ApiWorld.RANGE, List.of(401, 401, 200, 200, 200, 200, 403)));
    rows.add(Arguments.of("/api/v1/lineage/" + ApiWorld.REPORT, List.of(401, 401, 200, 200, 404, 403, 403)));
    rows.add(Arguments.of(person, List.of(401, 401, 200, 200, 404, 403, 403)));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void everyEndpointAnswersEveryRoleAsSpecified(String path, List<Integer> expected) {
    Who[] who = Who.values();
    for (int i = 0; i < who.length; i++) {
      HttpResponse<String> r = w.get(path, token(who[i]));
      assertThat(r.statusCode()).as(who[i] + " on " + path).isEqualTo(expected.get(i));
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as("always JSON").startsWith("application/json");
      JsonNode body = ApiWorld.json(r);
      if (r.statusCode() != 200) {
        assertThat(body.get("status").asInt()).isEqualTo(r.statusCode());
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      if (r.statusCode() == 401) {
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"safehaven\"");
      }
      if (who[i] == Who.RESEARCHER && r.statusCode() == 200) {
        assertThat(r.body()).as("never a personRef or report id").doesNotContain("ph_").doesNotContain("KENT-")
            .doesNotContain("ESSEX-").doesNotContain("reportId").doesNotContain("personRef");
      }
    }
  }

  @Test
  void theAlertStreamAnswersEveryRoleAsSpecified() throws Exception {
    Map<Who, Integer> expected = Map.of(Who.NONE, 401, Who.BAD, 401, Who.RESEARCHER, 403, Who.OPERATOR, 403,
        Who.OVERSIGHT, 200, Who.OWN_FORCE, 200, Who.OTHER_FORCE, 200);
    for (var e : expected.entrySet()) {
      int status = AlertStreamClient.status(w, "/api/v1/alerts/stream", token(e.getKey()));
      assertThat(status).as(e.getKey().toString()).isEqualTo(e.getValue());
    }
    HttpResponse<String> noAccept = w.get("/api/v1/alerts/stream", token(Who.OVERSIGHT));
    assertThat(noAccept.statusCode()).isEqualTo(406);
  }

  @Test
  void oversightSeesEveryForcesAlertsInTheShapeUsersSee() {
    JsonNode page = ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE + "&size=100", token(Who.OVERSIGHT)));
    assertThat(page.get("total").asLong()).isEqualTo(19);
    assertThat(page.get("items")).hasSize(19);
    JsonNode first = page.get("items").get(0);
    assertThat(fieldNames(first)).startsWith("alertId", "rule", "severity", "force", "personRef", "reportId",
        "triggeringEventId", "eventTime", "detectedAt", "delayHours", "phase", "mixedRoles", "offence", "channel",
        "recipient");
    List<String> times = new ArrayList<>();
    page.get("items").forEach(a -> times.add(a.get("eventTime").asText()));
    assertThat(times).as("newest first").isSortedAccordingTo((a, b) -> java.time.Instant.parse(b)
        .compareTo(java.time.Instant.parse(a)));
  }

  @Test
  void aForceSeesOnlyItsOwnAlertsAndIsForbiddenToAskForAnothers() {
    JsonNode kent = ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE + "&size=100", token(Who.OWN_FORCE)));
    assertThat(kent.get("total").asLong()).isEqualTo(15);
    kent.get("items").forEach(a -> assertThat(a.get("force").asText()).isEqualTo("kent"));
    JsonNode essex = ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE, token(Who.OTHER_FORCE)));
    assertThat(essex.get("total").asLong()).isEqualTo(4);
    assertThat(essex.toString()).doesNotContain(w.kentAlertId);
    assertThat(w.get("/api/v1/alerts?force=essex&" + ApiWorld.RANGE, token(Who.OWN_FORCE)).statusCode()).isEqualTo(403);
    assertThat(w.get("/api/v1/flows?force=kent,essex&" + ApiWorld.RANGE, token(Who.OWN_FORCE)).statusCode())
        .isEqualTo(403);
    assertThat(w.get("/api/v1/alerts/" + w.essexAlertId, token(Who.OWN_FORCE)).statusCode()).isEqualTo(404);
    assertThat(w.get("/api/v1/alerts/" + w.essexAlertId, token(Who.OTHER_FORCE)).statusCode()).isEqualTo(200);
  }

  @Test
  void filtersNarrowTheAlertsAndPagesAreStable() {
    JsonNode critical = ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE + "&severity=CRITICAL",
        token(Who.OVERSIGHT)));
    assertThat(critical.get("total").asLong()).isEqualTo(3);
    JsonNode delayed = ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE
        + "&rule=DELAYED_SHARING&force=essex", token(Who.OVERSIGHT)));
    assertThat(delayed.get("total").asLong()).isEqualTo(3);
    List<String> ids = new ArrayList<>();
    for (int page = 0; page < 4; page++) {
      ApiWorld.json(w.get("/api/v1/alerts?" + ApiWorld.RANGE + "&size=5&page=" + page, token(Who.OVERSIGHT)))
          .get("items").forEach(a -> ids.add(a.get("alertId").asText()));
    }
    assertThat(ids).hasSize(19).doesNotHaveDuplicates();
  }

  @Test
  void flowsCountDisclosuresAndImmigrationChecksAndResearchersSeeSmallCountsSuppressed() {
    JsonNode o = ApiWorld.json(w.get("/api/v1/flows?groupBy=force&" + ApiWorld.RANGE, token(Who.OVERSIGHT)));
    JsonNode kent = group(o, "force", "kent");
    assertThat(kent.at("/disclosures/count").asLong()).as("15 + 4 + 1 + 1").isEqualTo(21);
    assertThat(kent.at("/pncImmigrationChecks/count").asLong()).as("10 + 1, not the crime query").isEqualTo(11);
    JsonNode essex = group(o, "force", "essex");
    assertThat(essex.at("/disclosures/count").asLong()).isEqualTo(6);
    assertThat(essex.at("/pncImmigrationChecks/count").asLong()).isEqualTo(2);

    JsonNode r = ApiWorld.json(w.get("/api/v1/flows?groupBy=force&" + ApiWorld.RANGE, token(Who.RESEARCHER)));
    assertThat(group(r, "force", "kent").at("/disclosures/count").asLong()).isEqualTo(21);
    assertThat(group(r, "force", "kent").at("/pncImmigrationChecks/count").asLong()).isEqualTo(11);
    JsonNode essexR = group(r, "force", "essex");
    assertThat(essexR.at("/disclosures/count").isNull()).isTrue();
    assertThat(essexR.at("/disclosures/suppressed").asBoolean()).isTrue();
    assertThat(essexR.at("/pncImmigrationChecks/suppressed").asBoolean()).isTrue();

    JsonNode byRecipient = ApiWorld.json(w.get("/api/v1/flows?groupBy=recipient,month&force=kent&" + ApiWorld.RANGE,
        token(Who.OWN_FORCE)));
    JsonNode ie = group(byRecipient, "recipient", "IMMIGRATION_ENFORCEMENT");
    assertThat(ie.get("month").asText()).isEqualTo("2026-05");
    assertThat(ie.at("/disclosures/count").asLong()).isEqualTo(16);
    assertThat(group(byRecipient, "recipient", null).at("/pncImmigrationChecks/count").asLong()).isEqualTo(11);

    HttpResponse<String> csv = w.get("/api/v1/flows?groupBy=force&" + ApiWorld.RANGE, token(Who.RESEARCHER),
        "text/csv");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("force,disclosures,pncImmigrationChecks\n")
        .contains("essex,[c],[c]\n").contains("kent,21,11\n");
  }

  @Test
  void delaysGiveCountPercentilesAndMaxAndSuppressSmallGroupsForResearchers() {
    JsonNode o = ApiWorld.json(w.get("/api/v1/delays?groupBy=force&" + ApiWorld.RANGE, token(Who.OVERSIGHT)));
    JsonNode kent = group(o, "force", "kent");
    assertThat(kent.at("/count/count").asLong()).isEqualTo(12);
    assertThat(kent.get("maxHours").asDouble()).isEqualTo(120.0);
    assertThat(kent.get("p50Hours").asDouble()).isBetween(60.0, 70.0);
    assertThat(kent.get("p90Hours").asDouble()).isBetween(100.0, 120.0);
    assertThat(group(o, "force", "essex").get("maxHours").asDouble()).isEqualTo(700.0);

    JsonNode r = ApiWorld.json(w.get("/api/v1/delays?groupBy=force&" + ApiWorld.RANGE, token(Who.RESEARCHER)));
    assertThat(group(r, "force", "kent").at("/count/count").asLong()).isEqualTo(12);
    JsonNode essex = group(r, "force", "essex");
    assertThat(essex.at("/count/suppressed").asBoolean()).isTrue();
    assertThat(essex.get("maxHours").isNull()).isTrue();

    JsonNode phases = ApiWorld.json(w.get("/api/v1/delays?groupBy=phase&force=kent&" + ApiWorld.RANGE,
        token(Who.OWN_FORCE)));
    assertThat(group(phases, "phase", "WHILE_CASE_OPEN").at("/count/count").asLong()).isEqualTo(8);
    assertThat(group(phases, "phase", "AFTER_CASE_CLOSED").at("/count/count").asLong()).isEqualTo(4);
    assertThat(w.get("/api/v1/delays?groupBy=phase&" + ApiWorld.RANGE, token(Who.OTHER_FORCE)).body())
        .doesNotContain("AFTER_CASE_CLOSED");
  }

  @Test
  void metricsAreConfinedForForcesAndSuppressedForResearchers() {
    // Rows: the metrics documents (05-01, 05-02) and the day of each force's alerts (05-10), which has none.
    JsonNode kent = ApiWorld.json(w.get("/api/v1/metrics?" + ApiWorld.RANGE, token(Who.OWN_FORCE)));
    assertThat(kent.get("total").asLong()).isEqualTo(3);
    kent.get("items").forEach(m -> assertThat(m.get("force").asText()).isEqualTo("kent"));
    JsonNode all = ApiWorld.json(w.get("/api/v1/metrics?" + ApiWorld.RANGE, token(Who.OVERSIGHT)));
    assertThat(all.get("total").asLong()).isEqualTo(6);
    JsonNode r = ApiWorld.json(w.get("/api/v1/metrics?force=essex&from=2026-05-01&to=2026-05-02",
        token(Who.RESEARCHER)));
    JsonNode day = r.get("items").get(0);
    assertThat(day.at("/crimeReports/count").asLong()).isEqualTo(60);
    assertThat(day.at("/disclosuresByRecipient/IMMIGRATION_ENFORCEMENT/suppressed").asBoolean()).isTrue();
    assertThat(day.at("/pncImmigrationQueries/count").isNull()).isTrue();
    assertThat(day.get("delayHoursP50").isNull()).isTrue();
    HttpResponse<String> csv = w.get("/api/v1/metrics?" + ApiWorld.RANGE, token(Who.RESEARCHER), "text/csv");
    assertThat(csv.body().lines().count()).isEqualTo(7);
    assertThat(csv.body()).contains("[c]");
  }

  @Test
  void aReportsLineageIsTheOrderedChainAndAForceSeesOnlyItsOwnPart() {
    JsonNode chain = ApiWorld.json(w.get("/api/v1/lineage/" + ApiWorld.REPORT, token(Who.OVERSIGHT)));
    List<String> kinds = new ArrayList<>();
    chain.get("entries").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsExactly("REPORT", "PNC_QUERY", "CASE_STATUS", "DISCLOSURE", "ALERT");
    assertThat(chain.get("truncated").asBoolean()).isFalse();
    JsonNode alert = chain.get("entries").get(4);
    assertThat(alert.get("alertId").asText()).isEqualTo(w.kentAlertId);

    JsonNode shared = ApiWorld.json(w.get("/api/v1/lineage/" + ApiWorld.SHARED_REPORT, token(Who.OVERSIGHT)));
    assertThat(shared.get("entries")).hasSize(3);
    JsonNode kentPart = ApiWorld.json(w.get("/api/v1/lineage/" + ApiWorld.SHARED_REPORT, token(Who.OWN_FORCE)));
    assertThat(kentPart.get("entries")).hasSize(2);
    kentPart.get("entries").forEach(e -> assertThat(e.get("force").asText()).isEqualTo("kent"));
    JsonNode essexPart = ApiWorld.json(w.get("/api/v1/lineage/" + ApiWorld.SHARED_REPORT, token(Who.OTHER_FORCE)));
    assertThat(essexPart.get("entries")).hasSize(1);
    assertThat(essexPart.get("entries").get(0).get("eventId").asText()).isEqualTo("e-disc-c");

    JsonNode person = ApiWorld.json(w.get("/api/v1/lineage/person/" + Samples.ref("victim-a"), token(Who.OWN_FORCE)));
    List<String> personKinds = new ArrayList<>();
    person.get("entries").forEach(e -> personKinds.add(e.get("kind").asText()));
    assertThat(personKinds).containsExactly("REPORT", "PNC_QUERY", "CASE_STATUS", "DISCLOSURE", "ALERT");
    assertThat(w.get("/api/v1/lineage/NO-SUCH-REPORT", token(Who.OVERSIGHT)).statusCode()).isEqualTo(404);
  }

  @Test
  void theOpenApiDescriptionIsServedWithoutATokenAndNamesEveryEndpoint() {
    HttpResponse<String> r = w.get("/api/v1/openapi.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = ApiWorld.json(r);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    List<String> paths = fieldNames(doc.get("paths"));
    assertThat(paths).contains("/api/v1/alerts", "/api/v1/alerts/stream", "/api/v1/flows", "/api/v1/delays",
        "/api/v1/metrics", "/api/v1/lineage/{reportId}", "/api/v1/lineage/person/{personRef}");
  }

  private static JsonNode group(JsonNode answer, String dim, String value) {
    for (JsonNode g : answer.get("groups")) {
      JsonNode v = g.get(dim);
      if (value == null ? v.isNull() : value.equals(v.asText())) {
        return g;
      }
    }
    throw new AssertionError("no group " + dim + "=" + value + " in " + answer);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
