package org.safehaven.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safehaven.api.http.PageRequest;
import org.safehaven.api.http.TimeRange;
import org.safehaven.core.id.ForceId;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

class QueriesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-07-01T00:00:00Z"));

  private static JsonNode json(JsonpSerializable s) throws Exception {
    StringWriter out = new StringWriter();
    JacksonJsonpMapper mapper = new JacksonJsonpMapper();
    try (var g = mapper.jsonProvider().createGenerator(out)) {
      s.serialize(g, mapper);
    }
    return JSON.readTree(out.toString());
  }

  @Test
  void alertFiltersBecomeTermsAndADateRangeInFilterContext() throws Exception {
    var f = new Filters.Alerts(Set.of(ForceId.of("kent")), Set.of(Rule.DELAYED_SHARING), Set.of(Severity.HIGH), RANGE);
    JsonNode q = json(Queries.alertsPage("p-alerts", f, new PageRequest(2, 25)));
    assertThat(q.get("from").asInt()).isEqualTo(50);
    assertThat(q.get("size").asInt()).isEqualTo(25);
    JsonNode filter = q.at("/query/bool/filter");
    assertThat(filter.toString())
        .contains("{\"terms\":{\"force\":[\"kent\"]}}")
        .contains("{\"terms\":{\"rule\":[\"DELAYED_SHARING\"]}}")
        .contains("\"eventTime\":{\"gte\":\"2026-01-01T00:00:00Z\",\"lt\":\"2026-07-01T00:00:00Z\"");
    assertThat(q.toString()).doesNotContain("script").doesNotContain("query_string");
  }

  @Test
  void anOddButValidReportIdStaysATermValue() throws Exception {
    String odd = "R-\"}},{\"script\":{\"source\":\"x\"}}";
    JsonNode q = json(Queries.reportEvents("p-reports", odd, Optional.of(ForceId.of("kent"))));
    JsonNode term = q.at("/query/bool/filter/0/term/reportId");
    assertThat(term.isMissingNode() ? q.at("/query/bool/filter/0/term/reportId/value").asText() : term.isTextual()
        ? term.asText() : term.get("value").asText()).isEqualTo(odd);
    assertThat(q.at("/query/bool/filter").size()).isEqualTo(2);
    assertThat(q.at("/query/bool/filter").toString()).doesNotContain("\"script\":{");
  }

  @Test
  void flowsCountDisclosuresAndImmigrationChecksGroupedByCompositeSources() throws Exception {
    var f = new Filters.Flows(Set.of(), Set.of(), Set.of(), Set.of(), RANGE);
    JsonNode q = json(Queries.flows("p-lineage", f, List.of(Filters.FlowDimension.FORCE,
        Filters.FlowDimension.MONTH), Map.of()));
    assertThat(q.get("size").asInt()).isZero();
    JsonNode sources = q.at("/aggregations/groups/composite/sources");
    assertThat(sources.get(0).at("/force/terms/field").asText()).isEqualTo("force");
    assertThat(sources.get(0).at("/force/terms/missing_bucket").asBoolean()).isTrue();
    assertThat(sources.get(1).at("/month/date_histogram/calendar_interval").asText()).isEqualTo("1M");
    assertThat(q.at("/aggregations/groups/aggregations/pncImmigrationChecks/filter/term/flowType/value").asText())
        .isEqualTo("PNC_QUERY");
    assertThat(q.at("/query/bool/filter/0/bool/should").toString()).contains("IMMIGRATION_STATUS");
  }

  @Test
  void delaysAskForPercentilesAndMaxOfDelayedSharingOnly() throws Exception {
    var f = new Filters.Delays(Set.of(), Set.of(), Set.of(), RANGE);
    JsonNode q = json(Queries.delays("p-alerts", f, List.of(Filters.DelayDimension.PHASE), null));
    assertThat(q.at("/query/bool/filter/0/term/rule/value").asText()).isEqualTo("DELAYED_SHARING");
    assertThat(q.at("/aggregations/groups/aggregations/percentiles/percentiles/percents").toString())
        .isEqualTo("[50.0,90.0]");
    assertThat(q.at("/aggregations/groups/aggregations/max/max/field").asText()).isEqualTo("delayHours");
  }

  @Test
  void theAlertListLeavesWithdrawnAlertsOut() throws Exception {
    var f = new Filters.Alerts(Set.of(), Set.of(), Set.of(), RANGE);
    JsonNode q = json(Queries.alertsPage("p-alerts", f, new PageRequest(0, 10)));
    assertThat(q.at("/query/bool/must_not/0/term/withdrawn/value").asBoolean()).isTrue();
  }

  @Test
  void delaysAndLineageAlertsLeaveWithdrawnAlertsOut() throws Exception {
    var f = new Filters.Delays(Set.of(), Set.of(), Set.of(), RANGE);
    assertThat(json(Queries.delays("p-alerts", f, List.of(Filters.DelayDimension.FORCE), null))
        .at("/query/bool/filter").toString()).contains("{\"bool\":{\"must_not\":[{\"term\":{\"withdrawn\"");
    for (var request : List.of(Queries.alertsOfReport("p-alerts", "R-1", Optional.empty()),
        Queries.alertsOfPerson("p-alerts", "ph_x", Optional.empty()))) {
      assertThat(json(request).at("/query/bool/filter").toString()).contains("must_not").contains("withdrawn");
    }
  }

  @Test
  void anAlertByIdIsFoundEvenWhenWithdrawnAndItsHistoryIsConfinedAndInRevisionOrder() throws Exception {
    assertThat(json(Queries.alertById("p-alerts", "abc", Optional.empty())).toString()).doesNotContain("withdrawn");
    JsonNode q = json(Queries.revisionsOf("p-alert-revisions", "abc", Optional.of(ForceId.of("kent"))));
    assertThat(q.at("/query/bool/filter").toString()).contains("abc").contains("kent");
    assertThat(q.at("/sort/0/revision/order").asText()).isEqualTo("asc");
  }

  @Test
  void theMetricsRowsAreTheDaysOfMetricsDocumentsAndOfStandingAlertsAlike() throws Exception {
    var f = new Filters.Metrics(Set.of(ForceId.of("kent")), new TimeRange(Instant.parse("2026-05-01T12:00:00Z"),
        Instant.parse("2026-05-03T00:00:00Z")));
    JsonNode metrics = json(Queries.metricsDays("p-metrics", f, null));
    JsonNode alerts = json(Queries.alertDays("p-alerts", f, Queries.wholeDays(f.range()).orElseThrow(), null));
    for (JsonNode q : List.of(metrics, alerts)) {
      JsonNode sources = q.at("/aggregations/groups/composite/sources");
      assertThat(sources.get(0).at("/day/date_histogram/calendar_interval").asText()).isEqualTo("1d");
      assertThat(sources.get(0).at("/day/date_histogram/format").asText()).isEqualTo("yyyy-MM-dd");
      assertThat(sources.get(0).at("/day/date_histogram/time_zone").asText()).isEqualTo("UTC");
      assertThat(sources.get(1).at("/force/terms/field").asText()).isEqualTo("force");
    }
    assertThat(metrics.at("/aggregations/groups/composite/sources/0/day/date_histogram/field").asText())
        .isEqualTo("day");
    assertThat(alerts.at("/aggregations/groups/composite/sources/0/day/date_histogram/field").asText())
        .isEqualTo("eventTime");
    assertThat(alerts.at("/query/bool/must_not/0/term/withdrawn/value").asBoolean()).isTrue();
    // A day counts when it starts in the range, for alerts as for metrics: 2026-05-02 only.
    assertThat(alerts.at("/query/bool/filter").toString())
        .contains("\"eventTime\":{\"gte\":\"2026-05-02T00:00:00Z\",\"lt\":\"2026-05-03T00:00:00Z\"");
  }

  @Test
  void aDayStartsInTheRangeWhenItsMidnightDoes() {
    TimeRange r = Queries.wholeDays(new TimeRange(Instant.parse("2026-05-01T00:00:00Z"),
        Instant.parse("2026-05-02T06:00:00Z"))).orElseThrow();
    assertThat(r.from()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(r.to()).as("the 2nd starts before 06:00").isEqualTo(Instant.parse("2026-05-03T00:00:00Z"));
    assertThat(Queries.wholeDays(new TimeRange(Instant.parse("2026-05-01T01:00:00Z"),
        Instant.parse("2026-05-01T06:00:00Z")))).as("no day starts in it").isEmpty();
  }

  @Test
  void alertCountsForTheMetricsAreByDayForceAndRuleOfStandingAlerts() throws Exception {
    JsonNode q = json(Queries.alertCountsByDay("p-alerts", List.of("kent", "essex"),
        java.time.LocalDate.parse("2026-05-01"), java.time.LocalDate.parse("2026-05-02"), null));
    JsonNode sources = q.at("/aggregations/groups/composite/sources");
    assertThat(sources.get(0).at("/day/date_histogram/field").asText()).isEqualTo("eventTime");
    assertThat(sources.get(1).at("/force/terms/field").asText()).isEqualTo("force");
    assertThat(sources.get(2).at("/rule/terms/field").asText()).isEqualTo("rule");
    assertThat(q.at("/query/bool/must_not/0/term/withdrawn/value").asBoolean()).isTrue();
    assertThat(q.at("/query/bool/filter").toString()).contains("[\"kent\",\"essex\"]")
        .contains("\"gte\":\"2026-05-01T00:00:00Z\",\"lt\":\"2026-05-03T00:00:00Z\"");
    assertThat(q.at("/aggregations/groups/aggregations/percentiles/percentiles/field").asText()).isEqualTo("delayHours");
  }

  @Test
  void aConfinedAlertLookupFiltersByTheCallersForce() throws Exception {
    JsonNode q = json(Queries.alertById("p-alerts", "abc", Optional.of(ForceId.of("essex"))));
    assertThat(q.at("/query/bool/filter").toString()).contains("essex").contains("abc");
  }
}
