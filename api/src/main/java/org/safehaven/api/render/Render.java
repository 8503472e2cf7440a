package org.safehaven.api.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.api.http.TimeRange;
import org.safehaven.api.query.Results;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;

/**
 * The aggregate answers as JSON and as CSV, with researcher suppression applied. Pure.
 *
 * <p>Every count of an aggregate answer has one shape for every role, {@code {"count": n, "suppressed":
 * false}}, so a client reads researchers' and oversight's answers alike; withheld counts are
 * {@code {"count": null, "suppressed": true}} in JSON and {@code [c]} in CSV. A delay group with fewer
 * than ten delays withholds its percentiles and maximum too (a maximum of three values is one person's
 * delay). Aggregates carry no personRef and no report id, by construction.
 */
public final class Render {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METRIC_COUNTS = List.of(Fields.CRIME_REPORTS, Fields.VICTIMS_AND_WITNESSES,
      Fields.PNC_QUERIES, Fields.PNC_IMMIGRATION_QUERIES);

  private Render() {}

  // ---------------------------------------------------------------- flows

  public static ObjectNode flowsJson(List<String> groupBy, TimeRange range, List<Results.FlowGroup> groups,
                                     boolean suppress) {
    ObjectNode out = header(groupBy, range);
    ArrayNode list = out.putArray("groups");
    for (Results.FlowGroup g : groups) {
      ObjectNode o = list.addObject();
      g.key().forEach(o::put);
      o.set("disclosures", Suppression.count(g.disclosures(), suppress));
      o.set("pncImmigrationChecks", Suppression.count(g.pncImmigrationChecks(), suppress));
    }
    return out;
  }

  public static Table flowsCsv(List<String> groupBy, List<Results.FlowGroup> groups, boolean suppress) {
    List<String> cols = new ArrayList<>(groupBy);
    cols.add("disclosures");
    cols.add("pncImmigrationChecks");
    Table t = new Table(cols);
    for (Results.FlowGroup g : groups) {
      List<Object> row = new ArrayList<>(g.key().values());
      row.add(Suppression.cell(g.disclosures(), suppress));
      row.add(Suppression.cell(g.pncImmigrationChecks(), suppress));
      t.add(row);
    }
    return t;
  }

  // ---------------------------------------------------------------- delays

  public static ObjectNode delaysJson(List<String> groupBy, TimeRange range, List<Results.DelayGroup> groups,
                                      boolean suppress) {
    ObjectNode out = header(groupBy, range);
    ArrayNode list = out.putArray("groups");
    for (Results.DelayGroup g : groups) {
      ObjectNode o = list.addObject();
      g.key().forEach(o::put);
      boolean withheld = Suppression.withheld(g.count(), suppress);
      o.set("count", Suppression.count(g.count(), suppress));
      putHours(o, "p50Hours", withheld ? null : g.p50());
      putHours(o, "p90Hours", withheld ? null : g.p90());
      putHours(o, "maxHours", withheld ? null : g.max());
    }
    return out;
  }

  public static Table delaysCsv(List<String> groupBy, List<Results.DelayGroup> groups, boolean suppress) {
    List<String> cols = new ArrayList<>(groupBy);
    cols.addAll(List.of("count", "p50Hours", "p90Hours", "maxHours"));
    Table t = new Table(cols);
    for (Results.DelayGroup g : groups) {
      List<Object> row = new ArrayList<>(g.key().values());
      boolean withheld = Suppression.withheld(g.count(), suppress);
      row.add(Suppression.cell(g.count(), suppress));
      row.add(withheld ? Suppression.CSV_MARK : g.p50());
      row.add(withheld ? Suppression.CSV_MARK : g.p90());
      row.add(withheld ? Suppression.CSV_MARK : g.max());
      t.add(row);
    }
    return t;
  }

  // ---------------------------------------------------------------- metrics

  /** One metrics document as users see it: counts as count objects, percentiles withheld with their base. */
  public static ObjectNode metricsJson(JsonNode doc, boolean suppress) {
    ObjectNode o = JSON.createObjectNode();
    o.put(Fields.FORCE, doc.path(Fields.FORCE).asText());
    o.put(Fields.DAY, doc.path(Fields.DAY).asText());
    for (String f : METRIC_COUNTS) {
      o.set(f, Suppression.count(doc.path(f).asLong(0), suppress));
    }
    o.set(Fields.DISCLOSURES_BY_RECIPIENT, countsBy(doc.path(Fields.DISCLOSURES_BY_RECIPIENT), Recipient.values(),
        suppress));
    o.set(Fields.DISCLOSURES_BY_CHANNEL, countsBy(doc.path(Fields.DISCLOSURES_BY_CHANNEL), Channel.values(), suppress));
    o.set(Fields.ALERTS_BY_RULE, countsBy(doc.path(Fields.ALERTS_BY_RULE), Rule.values(), suppress));
    boolean delaysWithheld = delaysWithheld(doc, suppress);
    putHours(o, Fields.DELAY_HOURS_P50, delaysWithheld ? null : number(doc.get(Fields.DELAY_HOURS_P50)));
    putHours(o, Fields.DELAY_HOURS_P90, delaysWithheld ? null : number(doc.get(Fields.DELAY_HOURS_P90)));
    o.put("delaysSuppressed", delaysWithheld && doc.hasNonNull(Fields.DELAY_HOURS_P50));
    return o;
  }

  public static Table metricsCsv(List<? extends JsonNode> docs, boolean suppress) {
    List<String> cols = new ArrayList<>(List.of(Fields.FORCE, Fields.DAY));
    cols.addAll(METRIC_COUNTS);
    for (Recipient r : Recipient.values()) {
      cols.add(Fields.DISCLOSURES_BY_RECIPIENT + "." + r.name());
    }
    for (Channel c : Channel.values()) {
      cols.add(Fields.DISCLOSURES_BY_CHANNEL + "." + c.name());
    }
    for (Rule r : Rule.values()) {
      cols.add(Fields.ALERTS_BY_RULE + "." + r.name());
    }
    cols.add(Fields.DELAY_HOURS_P50);
    cols.add(Fields.DELAY_HOURS_P90);
    Table t = new Table(cols);
    for (JsonNode d : docs) {
      List<Object> row = new ArrayList<>();
      row.add(d.path(Fields.FORCE).asText());
      row.add(d.path(Fields.DAY).asText());
      for (String f : METRIC_COUNTS) {
        row.add(Suppression.cell(d.path(f).asLong(0), suppress));
      }
      for (Recipient r : Recipient.values()) {
        row.add(Suppression.cell(d.path(Fields.DISCLOSURES_BY_RECIPIENT).path(r.name()).asLong(0), suppress));
      }
      for (Channel c : Channel.values()) {
        row.add(Suppression.cell(d.path(Fields.DISCLOSURES_BY_CHANNEL).path(c.name()).asLong(0), suppress));
      }
      for (Rule r : Rule.values()) {
        row.add(Suppression.cell(d.path(Fields.ALERTS_BY_RULE).path(r.name()).asLong(0), suppress));
      }
      boolean withheld = delaysWithheld(d, suppress);
      row.add(withheld && d.hasNonNull(Fields.DELAY_HOURS_P50) ? Suppression.CSV_MARK
          : number(d.get(Fields.DELAY_HOURS_P50)));
      row.add(withheld && d.hasNonNull(Fields.DELAY_HOURS_P90) ? Suppression.CSV_MARK
          : number(d.get(Fields.DELAY_HOURS_P90)));
      t.add(row);
    }
    return t;
  }

  /** The percentiles rest on the day's DELAYED_SHARING alerts: fewer than ten, and they are withheld. */
  private static boolean delaysWithheld(JsonNode doc, boolean suppress) {
    return Suppression.withheld(doc.path(Fields.ALERTS_BY_RULE).path(Rule.DELAYED_SHARING.name()).asLong(0), suppress);
  }

  private static ObjectNode countsBy(JsonNode counts, Enum<?>[] symbols, boolean suppress) {
    ObjectNode o = JSON.createObjectNode();
    for (Enum<?> s : symbols) {
      o.set(s.name(), Suppression.count(counts.path(s.name()).asLong(0), suppress));
    }
    return o;
  }

  private static ObjectNode header(List<String> groupBy, TimeRange range) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode by = out.putArray("groupBy");
    groupBy.forEach(by::add);
    out.put("from", range.from().toString());
    out.put("to", range.to().toString());
    return out;
  }

  private static Double number(JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static void putHours(ObjectNode o, String field, Double v) {
    if (v == null) {
      o.putNull(field);
    } else {
      o.put(field, Math.round(v * 10.0) / 10.0);
    }
  }
}
