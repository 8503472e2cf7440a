package org.safehaven.api.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.ArrayPercentilesItem;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.safehaven.api.http.ApiException;
import org.safehaven.api.http.PageRequest;
import org.safehaven.core.id.ForceId;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.Rule;

/**
 * Runs the {@link Queries} against Elasticsearch and turns the answers into {@link Results}. The only
 * class of the API that talks to Elasticsearch. Its failures surface as {@link SearchUnavailableException}
 * (the API answers 503), never with Elasticsearch's own text.
 */
public final class ResultService {

  /** Most groups one aggregate answer may have; more is a 400 (group by less, or narrow the range). */
  public static final int MAX_GROUPS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final IndexNames indices;

  public ResultService(ElasticsearchClient client, IndexNames indices) {
    this.client = client;
    this.indices = indices;
  }

  public Results.Page alerts(Filters.Alerts f, PageRequest page) {
    SearchResponse<ObjectNode> r = search(Queries.alertsPage(indices.alerts(), f, page));
    List<ObjectNode> items = r.hits().hits().stream().map(Hit::source).map(AlertView::of).toList();
    return new Results.Page(items, r.hits().total() == null ? items.size() : r.hits().total().value());
  }

  /**
   * One alert as its latest revision says it (withdrawn ones too, marked so), with {@code revisions}: every
   * revision, first to last, each as it was written. Confined like the alert itself: another force's alert and
   * its history are absent.
   */
  public Optional<ObjectNode> alert(String alertId, Optional<ForceId> confinedTo) {
    SearchResponse<ObjectNode> r = search(Queries.alertById(indices.alerts(), alertId, confinedTo));
    Optional<ObjectNode> latest = r.hits().hits().stream().findFirst().map(Hit::source);
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode out = AlertView.of(latest.get());
    // By revision; the latest is in even if its history entry is not yet searchable (two documents, two writes).
    TreeMap<Integer, ObjectNode> revisions = new TreeMap<>();
    for (Hit<ObjectNode> h : search(Queries.revisionsOf(indices.alertRevisions(), alertId, confinedTo)).hits().hits()) {
      ObjectNode v = AlertView.of(h.source());
      revisions.put(v.path(Fields.REVISION).asInt(), v);
    }
    revisions.putIfAbsent(out.path(Fields.REVISION).asInt(), out.deepCopy());
    ArrayNode history = out.putArray("revisions");
    revisions.values().forEach(history::add);
    return Optional.of(out);
  }

  /** One row of the metrics endpoint: a UTC day (yyyy-MM-dd) and a force; ordered by day, then force. */
  record DayKey(String day, String force) implements Comparable<DayKey> {
    @Override
    public int compareTo(DayKey o) {
      int c = day.compareTo(o.day);
      return c != 0 ? c : force.compareTo(o.force);
    }
  }

  /**
   * Daily force metrics, one row per force and day that has a metrics document or a standing alert, by day
   * then force. The alert counts by rule and the delay percentiles are computed here from the alerts index
   * (latest revisions, withdrawn ones left out), so per force, day and rule they are exactly what the alert
   * list holds; whatever alert counts a metrics document carries are ignored. A row with alerts but no metrics
   * document yet (the Flink job reports a day once it is over) has zero for the other counts.
   */
  public Results.Page metrics(Filters.Metrics f, PageRequest page) {
    TreeSet<DayKey> keys = new TreeSet<>();
    collectDays(after -> Queries.metricsDays(indices.metrics(), f, after), keys);
    Queries.wholeDays(f.range()).ifPresent(days ->
        collectDays(after -> Queries.alertDays(indices.alerts(), f, days, after), keys));
    List<DayKey> onPage = keys.stream().skip(page.from()).limit(page.size()).toList();
    if (onPage.isEmpty()) {
      return new Results.Page(List.of(), keys.size());
    }
    Map<DayKey, ObjectNode> docs = new HashMap<>();
    List<String> ids = onPage.stream().map(k -> Documents.metricsId(k.force(), k.day())).toList();
    for (Hit<ObjectNode> h : search(Queries.metricsByIds(indices.metrics(), ids)).hits().hits()) {
      ObjectNode d = h.source();
      docs.put(new DayKey(d.path(Fields.DAY).asText(), d.path(Fields.FORCE).asText()), d);
    }
    Map<DayKey, AlertDay> alerts = alertDays(onPage);
    List<ObjectNode> items = new ArrayList<>(onPage.size());
    for (DayKey k : onPage) {
      ObjectNode d = docs.containsKey(k) ? docs.get(k).deepCopy() : JSON.createObjectNode();
      d.put(Fields.FORCE, k.force());
      d.put(Fields.DAY, k.day());
      alerts.getOrDefault(k, AlertDay.NONE).writeInto(d);
      items.add(d);
    }
    return new Results.Page(items, keys.size());
  }

  /** A force's day of standing alerts: counts by rule, and the DELAYED_SHARING delays' percentiles. */
  private record AlertDay(Map<String, Long> byRule, Double p50, Double p90) {
    static final AlertDay NONE = new AlertDay(Map.of(), null, null);

    void writeInto(ObjectNode d) {
      ObjectNode counts = d.putObject(Fields.ALERTS_BY_RULE);
      for (Rule r : Rule.values()) {
        counts.put(r.name(), byRule.getOrDefault(r.name(), 0L));
      }
      d.remove(Fields.DELAY_HOURS_P50);
      d.remove(Fields.DELAY_HOURS_P90);
      if (p50 != null) {
        d.put(Fields.DELAY_HOURS_P50, p50);
      }
      if (p90 != null) {
        d.put(Fields.DELAY_HOURS_P90, p90);
      }
    }
  }

  /**
   * The page's alert counts. The rows are a contiguous slice of every (day, force) with a standing alert, so
   * the query (the page's forces, its first to its last day) finds groups of other rows on the first and last
   * day only: at most 4 rules x (page size + 2 x 44 forces) groups, far below {@link #MAX_GROUPS}.
   */
  private Map<DayKey, AlertDay> alertDays(List<DayKey> onPage) {
    Set<String> forces = new TreeSet<>();
    onPage.forEach(k -> forces.add(k.force()));
    LocalDate first = LocalDate.parse(onPage.get(0).day());
    LocalDate last = LocalDate.parse(onPage.get(onPage.size() - 1).day());
    Map<DayKey, Map<String, Long>> counts = new HashMap<>();
    Map<DayKey, Double[]> delays = new HashMap<>();
    for (CompositeBucket b : allGroups(after -> Queries.alertCountsByDay(indices.alerts(), forces, first, last, after))) {
      DayKey k = new DayKey(text(b.key().get(Queries.DAY_KEY)), text(b.key().get(Queries.FORCE_KEY)));
      String rule = text(b.key().get(Queries.RULE_KEY));
      counts.computeIfAbsent(k, x -> new HashMap<>()).merge(rule, b.docCount(), Long::sum);
      if (Rule.DELAYED_SHARING.name().equals(rule)) {
        delays.put(k, percentiles(b.aggregations().get("percentiles")));
      }
    }
    Map<DayKey, AlertDay> out = new HashMap<>();
    counts.forEach((k, byRule) -> {
      Double[] p = delays.getOrDefault(k, new Double[2]);
      out.put(k, new AlertDay(byRule, p[0], p[1]));
    });
    return out;
  }

  /** Every (day, force) key of the groups, however many (no {@link #MAX_GROUPS}: they are paged over). */
  private void collectDays(PageOfGroups request, Set<DayKey> into) {
    eachPage(request, page -> {
      for (CompositeBucket b : page) {
        String day = text(b.key().get(Queries.DAY_KEY));
        String force = text(b.key().get(Queries.FORCE_KEY));
        if (day != null && force != null) {
          into.add(new DayKey(day, force));
        }
      }
    });
  }

  private static String text(FieldValue v) {
    return v == null || v.isNull() ? null : v.isString() ? v.stringValue() : String.valueOf(v._get());
  }

  /** p50 and p90 of a percentiles answer; null where there was nothing to take them of. */
  private static Double[] percentiles(Aggregate pct) {
    Double[] out = new Double[2];
    for (ArrayPercentilesItem item : pct.tdigestPercentiles().values().array()) {
      Double v = Double.isFinite(item.value()) ? item.value() : null;
      if (item.key() == 50.0) {
        out[0] = v;
      } else if (item.key() == 90.0) {
        out[1] = v;
      }
    }
    return out;
  }

  public List<Results.FlowGroup> flows(Filters.Flows f, List<Filters.FlowDimension> groupBy) {
    List<Results.FlowGroup> out = new ArrayList<>();
    for (CompositeBucket b : allGroups(after -> Queries.flows(indices.lineage(), f, groupBy, after))) {
      out.add(new Results.FlowGroup(key(b, groupBy.stream().map(Filters.FlowDimension::key).toList()),
          b.aggregations().get("disclosures").filter().docCount(),
          b.aggregations().get("pncImmigrationChecks").filter().docCount()));
    }
    return out;
  }

  public List<Results.DelayGroup> delays(Filters.Delays f, List<Filters.DelayDimension> groupBy) {
    List<Results.DelayGroup> out = new ArrayList<>();
    for (CompositeBucket b : allGroups(after -> Queries.delays(indices.alerts(), f, groupBy, after))) {
      Double[] p = percentiles(b.aggregations().get("percentiles"));
      double max = b.aggregations().get("max").max().value();
      out.add(new Results.DelayGroup(key(b, groupBy.stream().map(Filters.DelayDimension::key).toList()),
          b.docCount(), p[0], p[1], Double.isFinite(max) ? max : null));
    }
    return out;
  }

  /** The chain of one report: the report and its case statuses, the flows, the alerts; by time. */
  public Results.Chain reportChain(String reportId, Optional<ForceId> confinedTo) {
    List<ObjectNode> entries = new ArrayList<>();
    boolean truncated = false;
    truncated |= collect(Queries.reportEvents(indices.reports(), reportId, confinedTo), entries, Kind.REPORT);
    truncated |= collect(Queries.flowsOfReport(indices.lineage(), reportId, confinedTo), entries, Kind.FLOW);
    truncated |= collect(Queries.alertsOfReport(indices.alerts(), reportId, confinedTo), entries, Kind.ALERT);
    return new Results.Chain(ordered(entries), truncated);
  }

  /** The chain of one person: the reports naming them (and those reports' case statuses), flows, alerts. */
  public Results.Chain personChain(String personRef, Optional<ForceId> confinedTo) {
    List<ObjectNode> entries = new ArrayList<>();
    boolean truncated = collect(Queries.reportsOfPerson(indices.reports(), personRef, confinedTo), entries,
        Kind.REPORT);
    Set<String> reportIds = new LinkedHashSet<>();
    entries.forEach(e -> reportIds.add(e.path(Fields.REPORT_ID).asText()));
    if (!reportIds.isEmpty()) {
      truncated |= collect(Queries.caseStatuses(indices.reports(), reportIds, confinedTo), entries, Kind.REPORT);
    }
    truncated |= collect(Queries.flowsOfPerson(indices.lineage(), personRef, confinedTo), entries, Kind.FLOW);
    truncated |= collect(Queries.alertsOfPerson(indices.alerts(), personRef, confinedTo), entries, Kind.ALERT);
    return new Results.Chain(ordered(entries), truncated);
  }

  private enum Kind { REPORT, FLOW, ALERT }

  /** Adds the hits as chain entries with a {@code kind} and a {@code time}; true when cut at the limit. */
  private boolean collect(SearchRequest request, List<ObjectNode> into, Kind kind) {
    SearchResponse<ObjectNode> r = search(request);
    for (Hit<ObjectNode> h : r.hits().hits()) {
      ObjectNode src = h.source();
      ObjectNode entry;
      switch (kind) {
        case ALERT -> {
          entry = AlertView.of(src);
          entry.put("kind", "ALERT");
          entry.put("time", src.path(Fields.EVENT_TIME).asText());
        }
        case FLOW -> {
          entry = src.deepCopy();
          entry.put("kind", src.path(Fields.FLOW_TYPE).asText());
          entry.put("time", src.path(Fields.EVENT_TIME).asText());
        }
        default -> {
          entry = src.deepCopy();
          entry.put("time", src.path(Fields.EVENT_TIME).asText());
        }
      }
      into.add(entry);
    }
    return r.hits().hits().size() >= Queries.LINEAGE_LIMIT;
  }

  /** By time; at the same instant, in the order of the chain: report, case status, PNC query, disclosure, alert. */
  static List<ObjectNode> ordered(List<ObjectNode> entries) {
    List<String> rank = List.of("REPORT", "CASE_STATUS", "PNC_QUERY", "DISCLOSURE", "ALERT");
    List<ObjectNode> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.<ObjectNode, java.time.Instant>comparing(e -> java.time.Instant.parse(e.path("time").asText()))
        .thenComparing(e -> rank.indexOf(e.path("kind").asText())));
    // Reorder each entry's fields: kind and time first, for readers.
    List<ObjectNode> out = new ArrayList<>(sorted.size());
    for (ObjectNode e : sorted) {
      ObjectNode o = e.objectNode();
      o.set("kind", e.get("kind"));
      o.set("time", e.get("time"));
      e.fields().forEachRemaining(f -> {
        if (!f.getKey().equals("kind") && !f.getKey().equals("time")) {
          o.set(f.getKey(), f.getValue());
        }
      });
      out.add(o);
    }
    return out;
  }

  private interface PageOfGroups {
    SearchRequest after(Map<String, FieldValue> afterKey);
  }

  private List<CompositeBucket> allGroups(PageOfGroups request) {
    List<CompositeBucket> all = new ArrayList<>();
    eachPage(request, page -> {
      all.addAll(page);
      if (all.size() > MAX_GROUPS) {
        throw ApiException.badRequest("the answer would have more than " + MAX_GROUPS
            + " groups; group by fewer dimensions or narrow the time range");
      }
    });
    return all;
  }

  /** Pages through a composite aggregation named {@code groups}, handing each page's groups to {@code onPage}. */
  private void eachPage(PageOfGroups request, Consumer<List<CompositeBucket>> onPage) {
    Map<String, FieldValue> after = null;
    while (true) {
      SearchResponse<ObjectNode> r = search(request.after(after));
      Aggregate answer = r.aggregations().get("groups");
      if (answer == null) {
        return; // the index does not exist yet: nothing indexed, no groups
      }
      CompositeAggregate groups = answer.composite();
      onPage.accept(groups.buckets().array());
      if (groups.afterKey() == null || groups.afterKey().isEmpty() || groups.buckets().array().isEmpty()) {
        return;
      }
      after = groups.afterKey();
    }
  }

  private static Map<String, String> key(CompositeBucket b, List<String> names) {
    Map<String, String> key = new LinkedHashMap<>();
    for (String n : names) {
      key.put(n, text(b.key().get(n)));
    }
    return key;
  }

  private SearchResponse<ObjectNode> search(SearchRequest request) {
    try {
      return client.search(request, ObjectNode.class);
    } catch (IOException | RuntimeException e) {
      throw new SearchUnavailableException(e);
    }
  }
}
