package org.safehaven.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrected and withdrawn alerts through the API, on ApiWorld's August (revisions delivered out of order and
 * indexed by the real indexer): lists and counts show each alert once, as its latest revision says, and never
 * a withdrawn one; an alert by id carries its history, confined to the caller's force.
 */
class ApiRevisionsIT {

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

  @Test
  void theAlertListShowsEachAlertOnceAsItsLatestRevisionSaysAndNoWithdrawnOne() {
    JsonNode page = get("/api/v1/alerts?" + ApiWorld.AUGUST + "&size=100", "oversight");
    assertThat(page.get("total").asLong()).isEqualTo(15);
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(a -> ids.add(a.get("alertId").asText()));
    assertThat(ids).hasSize(15).doesNotHaveDuplicates()
        .contains(w.correctedAlertId, w.thriceAlertId)
        .doesNotContain(w.withdrawnDelayedId, w.withdrawnDeferralId);
    JsonNode corrected = item(page, w.correctedAlertId);
    assertThat(corrected.get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
    assertThat(corrected.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(corrected.get("reportId").asText()).isEqualTo("KENT-AUG-NEW");
    assertThat(corrected.get("delayHours").isNull()).isTrue();
    assertThat(corrected.get("revision").asInt()).isEqualTo(2);
    JsonNode thrice = item(page, w.thriceAlertId);
    assertThat(thrice.get("revision").asInt()).as("revision 2 arrived after 3").isEqualTo(3);
    assertThat(thrice.get("reportId").asText()).isEqualTo("KENT-AUG-C");
    page.get("items").forEach(a -> assertThat(a.get("withdrawn").asBoolean()).isFalse());

    // Filters count the corrected alert under its new rule only.
    assertThat(get("/api/v1/alerts?" + ApiWorld.AUGUST + "&rule=DELAYED_SHARING&force=kent", "oversight")
        .get("total").asLong()).as("kent's 11 on 08-11; neither the corrected nor the withdrawn one").isEqualTo(11);
    assertThat(get("/api/v1/alerts?" + ApiWorld.AUGUST + "&rule=SYSTEMATIC_DEFERRAL", "oversight")
        .get("total").asLong()).isZero();
    assertThat(get("/api/v1/alerts?" + ApiWorld.AUGUST, "essex").get("total").asLong()).isEqualTo(2);
  }

  @Test
  void anAlertByIdIsItsLatestRevisionWithEveryRevisionAsHistory() {
    JsonNode a = get("/api/v1/alerts/" + w.correctedAlertId, "kent");
    assertThat(a.get("revision").asInt()).isEqualTo(2);
    assertThat(a.get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
    JsonNode history = a.get("revisions");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("revision").asInt()).isEqualTo(1);
    assertThat(history.get(0).get("rule").asText()).isEqualTo("DELAYED_SHARING");
    assertThat(history.get(0).get("reportId").asText()).isEqualTo("KENT-AUG-OLD");
    assertThat(history.get(0).get("delayHours").asLong()).isEqualTo(200);
    assertThat(history.get(0).get("phase").asText()).isEqualTo("WHILE_CASE_OPEN");
    assertThat(history.get(1).get("rule").asText()).isEqualTo("SHARED_AT_REPORT");
    assertThat(history.get(1).get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(history.get(1).get("detectedAt").asText()).isNotEqualTo(history.get(0).get("detectedAt").asText());

    JsonNode thrice = get("/api/v1/alerts/" + w.thriceAlertId, "oversight");
    List<String> reports = new ArrayList<>();
    thrice.get("revisions").forEach(r -> reports.add(r.get("revision").asInt() + ":" + r.get("reportId").asText()));
    assertThat(reports).containsExactly("1:KENT-AUG-A", "2:KENT-AUG-B", "3:KENT-AUG-C");
  }

  @Test
  void aWithdrawnAlertAskedForByIdSaysSoAndAnotherForceStillCannotSeeIt() {
    JsonNode a = get("/api/v1/alerts/" + w.withdrawnDeferralId, "essex");
    assertThat(a.get("withdrawn").asBoolean()).isTrue();
    assertThat(a.get("revision").asInt()).isEqualTo(2);
    assertThat(a.get("revisions")).hasSize(2);
    assertThat(a.get("revisions").get(0).get("withdrawn").asBoolean()).isFalse();
    assertThat(a.get("revisions").get(1).get("withdrawn").asBoolean()).isTrue();
    var other = w.get("/api/v1/alerts/" + w.withdrawnDeferralId, w.tokens.get("kent"));
    assertThat(other.statusCode()).as("another force's alert, withdrawn or not").isEqualTo(404);
    assertThat(other.body()).doesNotContain("revisions").doesNotContain("essex");
    assertThat(w.get("/api/v1/alerts/" + w.correctedAlertId, w.tokens.get("essex")).statusCode()).isEqualTo(404);
  }

  @Test
  void delaysAndTheirCsvCountNeitherWithdrawnNorCorrectedAwayDelayedSharing() {
    JsonNode kent = group(get("/api/v1/delays?groupBy=force&" + ApiWorld.AUGUST, "oversight"), "kent");
    assertThat(kent.at("/count/count").asLong()).as("the 11 of 08-11 only").isEqualTo(11);
    assertThat(kent.get("maxHours").asDouble()).as("not the withdrawn 900 h, not the corrected 200 h").isEqualTo(110.0);
    var csv = w.get("/api/v1/delays?groupBy=force&" + ApiWorld.AUGUST, w.tokens.get("oversight"), "text/csv");
    assertThat(csv.body()).contains("\nkent,11,").contains("\nessex,2,");
  }

  @Test
  void aReportsLineageLeavesItsWithdrawnAlertOut() {
    var r = w.get("/api/v1/lineage/KENT-AUG-W", w.tokens.get("oversight"));
    assertThat(r.statusCode()).as("nothing but a withdrawn alert names it").isEqualTo(404);
    JsonNode chain = get("/api/v1/lineage/KENT-AUG-NEW", "kent");
    assertThat(chain.get("entries")).hasSize(1);
    assertThat(chain.get("entries").get(0).get("alertId").asText()).isEqualTo(w.correctedAlertId);
    assertThat(w.get("/api/v1/lineage/KENT-AUG-OLD", w.tokens.get("kent")).statusCode())
        .as("the report the alert named before its correction").isEqualTo(404);
  }

  private static JsonNode item(JsonNode page, String alertId) {
    for (JsonNode a : page.get("items")) {
      if (a.get("alertId").asText().equals(alertId)) {
        return a;
      }
    }
    throw new AssertionError("no alert " + alertId + " in " + page);
  }

  private static JsonNode group(JsonNode answer, String force) {
    for (JsonNode g : answer.get("groups")) {
      if (force.equals(g.path("force").asText())) {
        return g;
      }
    }
    throw new AssertionError("no group " + force + " in " + answer);
  }
}
