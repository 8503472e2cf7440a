package org.safehaven.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Rule;

/**
 * "Every alert count a user sees is computed from the same alerts that the alert list shows"
 * (docs/specification.md 9.4): the metrics API's alertsByRule, per force, UTC day of eventTime and rule, is
 * exactly a count of the alert list's items, on ApiWorld, whose alerts have several revisions delivered out of
 * order, a withdrawn one and one whose rule changed, and whose metrics documents carry deliberately wrong alert
 * counts.
 */
class OneSetOfNumbersIT {

  private static final String SPAN = "from=2026-04-01&to=2026-09-01";
  private static ApiWorld w;

  @BeforeAll
  static void world() {
    w = ApiWorld.get();
  }

  private static JsonNode get(String pathAndQuery, String who) {
    var r = w.get(pathAndQuery, w.tokens.get(who));
    assertThat(r.statusCode()).as(pathAndQuery + " as " + who).isEqualTo(200);
    return ApiWorld.json(r);
  }

  /** force|day|rule -> count, from the alert list (every page). */
  private static Map<String, Long> countedFromTheAlertList(String who) {
    Map<String, Long> out = new TreeMap<>();
    JsonNode page = get("/api/v1/alerts?" + SPAN + "&size=500", who);
    assertThat(page.get("items").size()).as("one page holds them all").isEqualTo(page.get("total").asInt());
    for (JsonNode a : page.get("items")) {
      String day = LocalDate.ofInstant(java.time.Instant.parse(a.get("eventTime").asText()), ZoneOffset.UTC).toString();
      out.merge(a.get("force").asText() + "|" + day + "|" + a.get("rule").asText(), 1L, Long::sum);
    }
    return out;
  }

  /** force|day|rule -> count (non-zero only), from the metrics API's alertsByRule; and the rows' force|day. */
  private static Map<String, Long> countedByTheMetrics(String who, List<String> rows) {
    Map<String, Long> out = new TreeMap<>();
    JsonNode page = get("/api/v1/metrics?" + SPAN + "&size=500", who);
    assertThat(page.get("items").size()).isEqualTo(page.get("total").asInt());
    for (JsonNode m : page.get("items")) {
      rows.add(m.get("force").asText() + "|" + m.get("day").asText());
      for (Rule r : Rule.values()) {
        long n = m.at("/alertsByRule/" + r.name() + "/count").asLong();
        if (n != 0) {
          out.put(m.get("force").asText() + "|" + m.get("day").asText() + "|" + r.name(), n);
        }
      }
    }
    return out;
  }

  @Test
  void theMetricsAlertCountsArePerForceDayAndRuleExactlyTheAlertListsCounts() {
    for (String who : List.of("oversight", "kent", "essex")) {
      List<String> rows = new ArrayList<>();
      Map<String, Long> metrics = countedByTheMetrics(who, rows);
      Map<String, Long> list = countedFromTheAlertList(who);
      assertThat(metrics).as("as " + who).isEqualTo(list);
      list.keySet().forEach(k -> assertThat(rows).as("a row for every force and day with alerts")
          .contains(k.substring(0, k.lastIndexOf('|'))));
    }
    Map<String, Long> all = countedFromTheAlertList("oversight");
    assertThat(all).as("the corrected alert under its new rule, the withdrawn ones nowhere")
        .containsEntry("kent|2026-08-10|SHARED_AT_REPORT", 1L)
        .containsEntry("kent|2026-08-10|PNC_IMMIGRATION_CHECK", 1L)
        .containsEntry("kent|2026-08-11|DELAYED_SHARING", 11L)
        .containsEntry("essex|2026-08-10|DELAYED_SHARING", 2L)
        .doesNotContainKey("kent|2026-08-10|DELAYED_SHARING")
        .doesNotContainKey("essex|2026-08-10|SYSTEMATIC_DEFERRAL");
  }

  @Test
  void aMetricsDocumentsOwnAlertCountsAreIgnoredAndADayWithAlertsButNoDocumentHasItsRow() {
    JsonNode kent = get("/api/v1/metrics?force=kent&from=2026-08-10&to=2026-08-13", "oversight");
    assertThat(kent.get("total").asLong()).as("08-10 and 08-12 documents, 08-11 alerts only").isEqualTo(3);
    JsonNode day10 = kent.get("items").get(0);
    assertThat(day10.get("day").asText()).isEqualTo("2026-08-10");
    assertThat(day10.at("/alertsByRule/DELAYED_SHARING/count").asLong()).as("the document said 99").isZero();
    assertThat(day10.at("/crimeReports/count").asLong()).as("the document's other counts stay").isEqualTo(50);
    assertThat(day10.get("delayHoursP50").isNull()).as("no standing delayed sharing that day").isTrue();
    JsonNode day11 = kent.get("items").get(1);
    assertThat(day11.get("day").asText()).isEqualTo("2026-08-11");
    assertThat(day11.at("/alertsByRule/DELAYED_SHARING/count").asLong()).isEqualTo(11);
    assertThat(day11.at("/crimeReports/count").asLong()).as("no metrics document yet").isZero();
    JsonNode day12 = kent.get("items").get(2);
    assertThat(day12.at("/alertsByRule/DELAYED_SHARING/count").asLong()).as("the document said 4").isZero();
  }

  @Test
  void theDelayPercentilesOfADayAreThoseOfItsDelayedSharingAlertsAsDelaysComputesThem() {
    JsonNode day = get("/api/v1/metrics?force=kent&from=2026-08-11&to=2026-08-12", "oversight").get("items").get(0);
    JsonNode delays = get("/api/v1/delays?groupBy=force&force=kent&from=2026-08-11&to=2026-08-12", "oversight")
        .get("groups").get(0);
    assertThat(delays.at("/count/count").asLong()).isEqualTo(day.at("/alertsByRule/DELAYED_SHARING/count").asLong());
    assertThat(day.get("delayHoursP50").asDouble()).isEqualTo(delays.get("p50Hours").asDouble()).isBetween(50.0, 70.0);
    assertThat(day.get("delayHoursP90").asDouble()).isEqualTo(delays.get("p90Hours").asDouble());
    JsonNode essex = get("/api/v1/metrics?force=essex&from=2026-08-10&to=2026-08-11", "oversight").get("items").get(0);
    assertThat(essex.get("delayHoursP50").asDouble()).as("of 400 and 700 h, not the document's 400").isEqualTo(550.0);
    assertThat(essex.get("delayHoursP90").asDouble()).as("not the document's 900").isBetween(550.0, 700.0);
  }

  @Test
  void researchersSeeTheSameCountsWithSmallOnesWithheldInJsonAndCsv() {
    JsonNode r = get("/api/v1/metrics?force=kent&from=2026-08-10&to=2026-08-12", "researcher");
    JsonNode day10 = r.get("items").get(0);
    assertThat(day10.at("/alertsByRule/SHARED_AT_REPORT/suppressed").asBoolean()).isTrue();
    assertThat(day10.at("/alertsByRule/SHARED_AT_REPORT/count").isNull()).isTrue();
    JsonNode day11 = r.get("items").get(1);
    assertThat(day11.at("/alertsByRule/DELAYED_SHARING/count").asLong()).isEqualTo(11);
    assertThat(day11.get("delaysSuppressed").asBoolean()).as("11 delays: the percentiles are shown").isFalse();
    assertThat(day11.get("delayHoursP50").isNull()).isFalse();
    JsonNode essex = get("/api/v1/metrics?force=essex&from=2026-08-10&to=2026-08-11", "researcher").get("items").get(0);
    assertThat(essex.get("delaysSuppressed").asBoolean()).as("2 delays: withheld with their base").isTrue();
    assertThat(essex.get("delayHoursP50").isNull()).isTrue();

    var csv = w.get("/api/v1/metrics?force=kent&from=2026-08-10&to=2026-08-12", w.tokens.get("researcher"), "text/csv");
    List<String> lines = csv.body().lines().toList();
    // The header's dotted names are quoted by the CSV writer; no cell of these rows needs quoting.
    List<String> header = java.util.Arrays.stream(lines.get(0).split(",")).map(c -> c.replace("\"", "")).toList();
    int delayed = header.indexOf("alertsByRule.DELAYED_SHARING");
    int shared = header.indexOf("alertsByRule.SHARED_AT_REPORT");
    assertThat(delayed).isPositive();
    assertThat(shared).isPositive();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).split(",", -1)[shared]).isEqualTo("[c]");
    assertThat(lines.get(2).split(",", -1)[delayed]).isEqualTo("11");
    List<String> oversight = w.get("/api/v1/metrics?force=kent&from=2026-08-10&to=2026-08-12",
        w.tokens.get("oversight"), "text/csv").body().lines().toList();
    assertThat(oversight.get(1).split(",", -1)[shared]).isEqualTo("1");
    assertThat(oversight.get(1).split(",", -1)[delayed]).as("the document said 99").isEqualTo("0");
  }
}
