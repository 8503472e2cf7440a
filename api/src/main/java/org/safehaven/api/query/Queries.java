package org.safehaven.api.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.safehaven.api.http.PageRequest;
import org.safehaven.api.http.TimeRange;
import org.safehaven.core.id.ForceId;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Rule;

/**
 * Every Elasticsearch request the API makes, built with the client's typed builders from validated
 * values: enums, force ids, instants, identifiers checked for shape. No request text is ever assembled
 * from strings, so nothing a caller sends can become query DSL or a script. Pure: no IO.
 */
public final class Queries {

  /** Composite aggregation page size; the service pages through all groups. */
  static final int GROUPS_PER_PAGE = 1000;
  /** Composite page size when only the (day, force) keys of the metrics are collected (no sub-aggregations). */
  static final int DAY_KEYS_PER_PAGE = 10_000;
  /** Most revisions returned in one alert's history. */
  public static final int REVISIONS_LIMIT = 1000;
  /** The composite sources of a day and a force, as the metrics endpoint's rows are keyed. */
  public static final String DAY_KEY = "day";
  public static final String FORCE_KEY = "force";
  public static final String RULE_KEY = "rule";
  /** Most lineage entries of one kind returned for one report or person. */
  public static final int LINEAGE_LIMIT = 1000;

  private Queries() {}

  // ---------------------------------------------------------------- alerts

  /**
   * The alerts a list shows: never a withdrawn one. The alerts index holds each alert's highest revision, so
   * an alert withdrawn by its latest revision is left out, and a corrected one is counted once, as it now
   * reads. Documents written before revisions existed carry no {@code withdrawn} field and count as standing.
   */
  public static Query alertsFilter(Filters.Alerts f) {
    List<Query> must = new ArrayList<>();
    terms(must, Fields.FORCE, f.forces().stream().map(ForceId::slug).toList());
    terms(must, Fields.RULE, f.rules().stream().map(Enum::name).toList());
    terms(must, Fields.SEVERITY, f.severities().stream().map(Enum::name).toList());
    must.add(range(Fields.EVENT_TIME, f.range()));
    return Query.of(q -> q.bool(b -> b.filter(must).mustNot(withdrawn())));
  }

  /** An alert whose latest revision withdrew it. */
  static Query withdrawn() {
    return Query.of(q -> q.term(t -> t.field(Fields.WITHDRAWN).value(FieldValue.of(true))));
  }

  /** Newest first; the alert id breaks ties so pages are stable. */
  public static SearchRequest alertsPage(String index, Filters.Alerts f, PageRequest page) {
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true)
        .query(alertsFilter(f))
        .from(page.from())
        .size(page.size())
        .trackTotalHits(t -> t.enabled(true))
        .sort(o -> o.field(x -> x.field(Fields.EVENT_TIME).order(SortOrder.Desc)))
        .sort(o -> o.field(x -> x.field(Fields.ALERT_ID).order(SortOrder.Asc))));
  }

  /**
   * One alert by id, within the caller's force when confined (so another force's alert is simply absent).
   * A withdrawn alert is found too: asked for by id, it says that it was withdrawn.
   */
  public static SearchRequest alertById(String index, String alertId, Optional<ForceId> confinedTo) {
    List<Query> must = new ArrayList<>();
    must.add(term(Fields.ALERT_ID, alertId));
    confinedTo.ifPresent(f -> must.add(term(Fields.FORCE, f.slug())));
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true).size(1).query(q -> q.bool(b -> b.filter(must))));
  }

  /** Every revision of one alert from the history index, first to last, within the caller's force when confined. */
  public static SearchRequest revisionsOf(String index, String alertId, Optional<ForceId> confinedTo) {
    List<Query> must = new ArrayList<>();
    must.add(term(Fields.ALERT_ID, alertId));
    confinedTo.ifPresent(f -> must.add(term(Fields.FORCE, f.slug())));
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true).size(REVISIONS_LIMIT)
        .query(q -> q.bool(b -> b.filter(must)))
        .sort(o -> o.field(x -> x.field(Fields.REVISION).order(SortOrder.Asc))));
  }

  // ---------------------------------------------------------------- flows

  /**
   * Disclosures (to any recipient) and PNC IMMIGRATION_STATUS checks, from the lineage index, grouped by
   * the dimensions through a composite aggregation (one page of groups; pass the previous page's after
   * key to continue). Each group counts both in sub-aggregations.
   */
  public static SearchRequest flows(String index, Filters.Flows f, List<Filters.FlowDimension> groupBy,
                                    Map<String, FieldValue> after) {
    List<Query> must = new ArrayList<>();
    must.add(Query.of(q -> q.bool(b -> b
        .should(term(Fields.FLOW_TYPE, FlowType.DISCLOSURE.name()))
        .should(Query.of(s -> s.bool(p -> p
            .filter(term(Fields.FLOW_TYPE, FlowType.PNC_QUERY.name()))
            .filter(term(Fields.PNC_REASON, PncReason.IMMIGRATION_STATUS.name())))))
        .minimumShouldMatch("1"))));
    terms(must, Fields.FORCE, f.forces().stream().map(ForceId::slug).toList());
    terms(must, Fields.RECIPIENT, f.recipients().stream().map(Enum::name).toList());
    terms(must, Fields.CHANNEL, f.channels().stream().map(Enum::name).toList());
    terms(must, Fields.OFFENCE, f.offences().stream().map(Enum::name).toList());
    must.add(range(Fields.EVENT_TIME, f.range()));
    List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
    for (Filters.FlowDimension d : groupBy) {
      sources.add(Map.of(d.key(), d == Filters.FlowDimension.MONTH ? month(d.field()) : keyword(d.field())));
    }
    Map<String, Aggregation> sub = new LinkedHashMap<>();
    sub.put("disclosures", Aggregation.of(a -> a.filter(term(Fields.FLOW_TYPE, FlowType.DISCLOSURE.name()))));
    sub.put("pncImmigrationChecks", Aggregation.of(a -> a.filter(term(Fields.FLOW_TYPE, FlowType.PNC_QUERY.name()))));
    return grouped(index, must, sources, sub, after);
  }

  // ---------------------------------------------------------------- delays

  /** DELAYED_SHARING alerts' delays (withdrawn ones left out): count, p50, p90 and max per group. */
  public static SearchRequest delays(String index, Filters.Delays f, List<Filters.DelayDimension> groupBy,
                                     Map<String, FieldValue> after) {
    List<Query> must = new ArrayList<>();
    must.add(term(Fields.RULE, Rule.DELAYED_SHARING.name()));
    terms(must, Fields.FORCE, f.forces().stream().map(ForceId::slug).toList());
    terms(must, Fields.OFFENCE, f.offences().stream().map(Enum::name).toList());
    terms(must, Fields.PHASE, f.phases().stream().map(Enum::name).toList());
    must.add(range(Fields.EVENT_TIME, f.range()));
    must.add(standing());
    List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
    for (Filters.DelayDimension d : groupBy) {
      sources.add(Map.of(d.key(), keyword(d.field())));
    }
    Map<String, Aggregation> sub = new LinkedHashMap<>();
    sub.put("percentiles", Aggregation.of(a -> a.percentiles(p -> p.field(Fields.DELAY_HOURS)
        .percents(50.0, 90.0).keyed(false))));
    sub.put("max", Aggregation.of(a -> a.max(m -> m.field(Fields.DELAY_HOURS))));
    return grouped(index, must, sources, sub, after);
  }

  // ---------------------------------------------------------------- metrics

  /*
   * The metrics endpoint has one row per force and UTC day that has daily metrics or a standing alert (the
   * Flink job reports a day once it is over; today's alerts, or a late one, may come first). Its alert
   * counts and delay percentiles are computed from the alerts index, the same alerts the alert list shows,
   * never taken from the metrics documents. A day is in the range when its start is: from <= day < to.
   */

  /** The (day, force) keys of the metrics documents in the range, day then force; one page of them. */
  public static SearchRequest metricsDays(String index, Filters.Metrics f, Map<String, FieldValue> after) {
    List<Query> must = new ArrayList<>();
    terms(must, Fields.FORCE, f.forces().stream().map(ForceId::slug).toList());
    must.add(range(Fields.DAY, f.range()));
    return grouped(index, must, List.of(), dayAndForce(Fields.DAY), Map.of(), after, DAY_KEYS_PER_PAGE);
  }

  /**
   * The (day, force) keys of the standing alerts of the filter's forces on the given days (the range's
   * {@link #wholeDays}); one page of them.
   */
  public static SearchRequest alertDays(String index, Filters.Metrics f, TimeRange days, Map<String, FieldValue> after) {
    List<Query> must = new ArrayList<>();
    terms(must, Fields.FORCE, f.forces().stream().map(ForceId::slug).toList());
    must.add(range(Fields.EVENT_TIME, days));
    return grouped(index, must, List.of(withdrawn()), dayAndForce(Fields.EVENT_TIME), Map.of(), after,
        DAY_KEYS_PER_PAGE);
  }

  /** The metrics documents of the given force|day ids. */
  public static SearchRequest metricsByIds(String index, List<String> ids) {
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true).size(ids.size())
        .query(q -> q.ids(i -> i.values(ids))));
  }

  /**
   * Standing alerts of the given forces on the UTC days [firstDay, lastDay] counted per day, force and rule,
   * with the percentiles of the delays (the DELAYED_SHARING buckets' are the day's delay percentiles, the
   * same t-digest percentiles /delays computes); one page of groups.
   */
  public static SearchRequest alertCountsByDay(String index, Collection<String> forces, java.time.LocalDate firstDay,
                                               java.time.LocalDate lastDay, Map<String, FieldValue> after) {
    List<Query> must = new ArrayList<>();
    terms(must, Fields.FORCE, List.copyOf(forces));
    must.add(range(Fields.EVENT_TIME, new TimeRange(firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
        lastDay.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())));
    List<Map<String, CompositeAggregationSource>> sources = List.of(
        Map.of(DAY_KEY, day(Fields.EVENT_TIME)), Map.of(FORCE_KEY, keyword(Fields.FORCE)),
        Map.of(RULE_KEY, keyword(Fields.RULE)));
    Map<String, Aggregation> sub = new LinkedHashMap<>();
    sub.put("percentiles", Aggregation.of(a -> a.percentiles(p -> p.field(Fields.DELAY_HOURS)
        .percents(50.0, 90.0).keyed(false))));
    return grouped(index, must, List.of(withdrawn()), sources, sub, after, GROUPS_PER_PAGE);
  }

  /**
   * The instants of the days a range selects: from the first midnight at or after {@code from} to the first
   * midnight at or after {@code to}, so "the day starts in the range" means the same for alerts (by
   * eventTime) as for the metrics documents (by day). Empty when no day starts in the range.
   */
  public static Optional<TimeRange> wholeDays(TimeRange r) {
    Instant from = ceilDay(r.from());
    Instant to = ceilDay(r.to());
    return from.isBefore(to) ? Optional.of(new TimeRange(from, to)) : Optional.empty();
  }

  private static Instant ceilDay(Instant t) {
    Instant day = t.truncatedTo(ChronoUnit.DAYS);
    return day.equals(t) ? day : day.plus(1, ChronoUnit.DAYS);
  }

  /** The composite sources of the metrics endpoint's rows: the UTC day of {@code dayField}, then the force. */
  private static List<Map<String, CompositeAggregationSource>> dayAndForce(String dayField) {
    return List.of(Map.of(DAY_KEY, day(dayField)), Map.of(FORCE_KEY, keyword(Fields.FORCE)));
  }

  // ---------------------------------------------------------------- lineage

  /** The crime report(s) and case statuses of one report id. */
  public static SearchRequest reportEvents(String index, String reportId, Optional<ForceId> confinedTo) {
    return lineagePart(index, List.of(term(Fields.REPORT_ID, reportId)), confinedTo);
  }

  /** PNC queries and disclosures that name the report, or whose person held a protected role from it. */
  public static SearchRequest flowsOfReport(String index, String reportId, Optional<ForceId> confinedTo) {
    Query either = Query.of(q -> q.bool(b -> b
        .should(term(Fields.REPORT_ID, reportId))
        .should(term(Fields.PROTECTED_ROLES + "." + Fields.REPORT_ID, reportId))
        .minimumShouldMatch("1")));
    return lineagePart(index, List.of(either), confinedTo);
  }

  /** The standing alerts naming the report (a withdrawn alert is no part of the chain). */
  public static SearchRequest alertsOfReport(String index, String reportId, Optional<ForceId> confinedTo) {
    return lineagePart(index, List.of(term(Fields.REPORT_ID, reportId), standing()), confinedTo);
  }

  public static SearchRequest reportsOfPerson(String index, String personRef, Optional<ForceId> confinedTo) {
    return lineagePart(index, List.of(term(Fields.PERSONS + "." + Fields.PERSON_REF, personRef)), confinedTo);
  }

  /** Case statuses of the given reports (for a person's chain). */
  public static SearchRequest caseStatuses(String index, Collection<String> reportIds, Optional<ForceId> confinedTo) {
    List<Query> must = new ArrayList<>();
    must.add(term(Fields.KIND, org.safehaven.indexer.document.Fields.KIND_CASE_STATUS));
    must.add(Query.of(q -> q.terms(t -> t.field(Fields.REPORT_ID)
        .terms(v -> v.value(reportIds.stream().map(FieldValue::of).toList())))));
    return lineagePart(index, must, confinedTo);
  }

  public static SearchRequest flowsOfPerson(String index, String personRef, Optional<ForceId> confinedTo) {
    return lineagePart(index, List.of(term(Fields.PERSON_REF, personRef)), confinedTo);
  }

  public static SearchRequest alertsOfPerson(String index, String personRef, Optional<ForceId> confinedTo) {
    return lineagePart(index, List.of(term(Fields.PERSON_REF, personRef), standing()), confinedTo);
  }

  /** Not withdrawn, as a filter clause. */
  private static Query standing() {
    return Query.of(q -> q.bool(b -> b.mustNot(withdrawn())));
  }

  private static SearchRequest lineagePart(String index, List<Query> filters, Optional<ForceId> confinedTo) {
    List<Query> must = new ArrayList<>(filters);
    confinedTo.ifPresent(f -> must.add(term(Fields.FORCE, f.slug())));
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true)
        .query(q -> q.bool(b -> b.filter(must)))
        .size(LINEAGE_LIMIT)
        .sort(o -> o.field(x -> x.field(Fields.EVENT_TIME).order(SortOrder.Asc))));
  }

  // ---------------------------------------------------------------- building blocks

  private static SearchRequest grouped(String index, List<Query> must,
                                       List<Map<String, CompositeAggregationSource>> sources,
                                       Map<String, Aggregation> sub, Map<String, FieldValue> after) {
    return grouped(index, must, List.of(), sources, sub, after, GROUPS_PER_PAGE);
  }

  /**
   * One page of a composite aggregation named {@code groups} over the documents matching every {@code must}
   * and no {@code mustNot}, with the sub-aggregations {@code sub} (none when empty) in each group.
   */
  private static SearchRequest grouped(String index, List<Query> must, List<Query> mustNot,
                                       List<Map<String, CompositeAggregationSource>> sources,
                                       Map<String, Aggregation> sub, Map<String, FieldValue> after, int pageSize) {
    return SearchRequest.of(s -> s.index(index).ignoreUnavailable(true)
        .size(0)
        .query(q -> q.bool(b -> mustNot.isEmpty() ? b.filter(must) : b.filter(must).mustNot(mustNot)))
        .aggregations("groups", a -> {
          a.composite(c -> {
            c.sources(sources).size(pageSize);
            if (after != null && !after.isEmpty()) {
              c.after(after);
            }
            return c;
          });
          if (!sub.isEmpty()) {
            a.aggregations(sub);
          }
          return a;
        }));
  }

  private static CompositeAggregationSource keyword(String field) {
    return CompositeAggregationSource.of(c -> c.terms(t -> t.field(field).missingBucket(true)));
  }

  /** A UTC day, keyed yyyy-MM-dd (the metrics documents' day format), in date order. */
  private static CompositeAggregationSource day(String field) {
    return CompositeAggregationSource.of(c -> c.dateHistogram(d -> d.field(field)
        .calendarInterval(t -> t.time("1d")).format("yyyy-MM-dd").timeZone("UTC")));
  }

  private static CompositeAggregationSource month(String field) {
    return CompositeAggregationSource.of(c -> c.dateHistogram(d -> d.field(field)
        .calendarInterval(t -> t.time("1M")).format("yyyy-MM").timeZone("UTC")));
  }

  static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }

  private static void terms(List<Query> must, String field, List<String> values) {
    if (!values.isEmpty()) {
      must.add(Query.of(q -> q.terms(t -> t.field(field)
          .terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
    }
  }

  private static Query range(String field, TimeRange r) {
    // The format is given explicitly: the metrics day field is mapped as strict_date, the bounds are instants.
    return Query.of(q -> q.range(x -> x.date(d -> d.field(field).format("strict_date_optional_time")
        .gte(r.from().toString()).lt(r.to().toString()))));
  }
}
