package org.safehaven.api.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safehaven.api.http.TimeRange;
import org.safehaven.api.query.Results;

class RenderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-07-01T00:00:00Z"));

  private static Map<String, String> key(String force, String month) {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("force", force);
    k.put("month", month);
    return k;
  }

  private final List<Results.FlowGroup> flows = List.of(
      new Results.FlowGroup(key("kent", "2026-05"), 12, 9),
      new Results.FlowGroup(key("essex", "2026-05"), 10, 0));

  @Test
  void researchersSeeCountsUnderTenWithheldAndMarkedIncludingZero() {
    JsonNode out = Render.flowsJson(List.of("force", "month"), RANGE, flows, true);
    JsonNode kent = out.get("groups").get(0);
    assertThat(kent.get("disclosures").get("count").asLong()).isEqualTo(12);
    assertThat(kent.get("disclosures").get("suppressed").asBoolean()).isFalse();
    assertThat(kent.get("pncImmigrationChecks").get("count").isNull()).isTrue();
    assertThat(kent.get("pncImmigrationChecks").get("suppressed").asBoolean()).isTrue();
    JsonNode essex = out.get("groups").get(1);
    assertThat(essex.get("disclosures").get("count").asLong()).as("10 is not under 10").isEqualTo(10);
    assertThat(essex.get("pncImmigrationChecks").get("suppressed").asBoolean()).isTrue();
  }

  @Test
  void othersSeeEveryCountInTheSameShape() {
    JsonNode out = Render.flowsJson(List.of("force", "month"), RANGE, flows, false);
    assertThat(out.get("groups").get(0).get("pncImmigrationChecks").get("count").asLong()).isEqualTo(9);
    assertThat(out.get("groups").get(0).get("pncImmigrationChecks").get("suppressed").asBoolean()).isFalse();
    assertThat(out.get("groupBy").toString()).isEqualTo("[\"force\",\"month\"]");
  }

  @Test
  void csvMarksWithheldCellsAndQuotesNothingNeedlessly() {
    String csv = Render.flowsCsv(List.of("force", "month"), flows, true).toCsv();
    assertThat(csv).isEqualTo("force,month,disclosures,pncImmigrationChecks\n"
        + "kent,2026-05,12,[c]\n"
        + "essex,2026-05,10,[c]\n");
  }

  @Test
  void aSmallDelayGroupWithholdsItsPercentilesAndMaximumToo() {
    List<Results.DelayGroup> groups = List.of(
        new Results.DelayGroup(Map.of("force", "kent"), 3, 100.0, 300.0, 310.0),
        new Results.DelayGroup(Map.of("force", "essex"), 25, 100.04, 200.0, 900.0));
    JsonNode out = Render.delaysJson(List.of("force"), RANGE, groups, true);
    JsonNode kent = out.get("groups").get(0);
    assertThat(kent.get("count").get("suppressed").asBoolean()).isTrue();
    assertThat(kent.get("p50Hours").isNull()).isTrue();
    assertThat(kent.get("maxHours").isNull()).isTrue();
    JsonNode essex = out.get("groups").get(1);
    assertThat(essex.get("count").get("count").asLong()).isEqualTo(25);
    assertThat(essex.get("p50Hours").asDouble()).isEqualTo(100.0);
    assertThat(essex.get("maxHours").asDouble()).isEqualTo(900.0);
    assertThat(Render.delaysCsv(List.of("force"), groups, true).toCsv())
        .contains("kent,[c],[c],[c],[c]").contains("essex,25,100.04,200.0,900.0");
  }

  @Test
  void metricsRowsSuppressEachSmallCountAndPercentilesOnFewDelays() throws Exception {
    JsonNode doc = JSON.readTree("{\"force\":\"kent\",\"day\":\"2026-05-01\",\"crimeReports\":120,"
        + "\"victimsAndWitnesses\":4,\"pncQueries\":900,\"pncImmigrationQueries\":3,"
        + "\"disclosuresByRecipient\":{\"CPS\":14,\"IMMIGRATION_ENFORCEMENT\":2},\"disclosuresByChannel\":{},"
        + "\"alertsByRule\":{\"DELAYED_SHARING\":2},\"delayHoursP50\":400.0,\"delayHoursP90\":900.0}");
    JsonNode r = Render.metricsJson(doc, true);
    assertThat(r.get("crimeReports").get("count").asLong()).isEqualTo(120);
    assertThat(r.get("victimsAndWitnesses").get("suppressed").asBoolean()).isTrue();
    assertThat(r.get("disclosuresByRecipient").get("CPS").get("count").asLong()).isEqualTo(14);
    assertThat(r.get("disclosuresByRecipient").get("IMMIGRATION_ENFORCEMENT").get("suppressed").asBoolean()).isTrue();
    assertThat(r.get("delayHoursP50").isNull()).isTrue();
    assertThat(r.get("delaysSuppressed").asBoolean()).isTrue();
    JsonNode o = Render.metricsJson(doc, false);
    assertThat(o.get("delayHoursP50").asDouble()).isEqualTo(400.0);
    assertThat(o.get("victimsAndWitnesses").get("count").asLong()).isEqualTo(4);
    String csv = Render.metricsCsv(List.of(doc), true).toCsv();
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("force,day,crimeReports,victimsAndWitnesses");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("kent,2026-05-01,120,[c],900,[c]");
  }
}
