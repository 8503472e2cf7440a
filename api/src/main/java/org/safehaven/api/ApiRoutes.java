package org.safehaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.safehaven.api.access.Authenticator;
import org.safehaven.api.access.Caller;
import org.safehaven.api.http.ApiException;
import org.safehaven.api.http.PageRequest;
import org.safehaven.api.http.Params;
import org.safehaven.api.query.Filters;
import org.safehaven.api.query.ResultService;
import org.safehaven.api.query.Results;
import org.safehaven.api.render.Render;
import org.safehaven.api.render.Table;
import org.safehaven.api.stream.AlertStream;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.id.ForceId;
import org.safehaven.core.id.PersonRef;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The endpoints, each thin: authenticate, check the role may call it, validate every parameter into
 * typed filters, ask the {@link ResultService}, render. Errors are thrown as {@link ApiException} and
 * rendered by {@link ApiServer}.
 */
final class ApiRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Alert ids are UUIDs (name-based, from rule and triggering event). */
  private static final Pattern ALERT_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
  /** Report ids as ingest accepts them: 1 to 128 printable ASCII characters without spaces. */
  private static final Pattern REPORT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private final Authenticator auth;
  private final ResultService results;
  private final AlertStream stream;
  private final SafeHavenConfig.Api settings;
  private final Clock clock;

  ApiRoutes(Authenticator auth, ResultService results, AlertStream stream, SafeHavenConfig.Api settings, Clock clock) {
    this.auth = auth;
    this.results = results;
    this.stream = stream;
    this.settings = settings;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- alerts

  void alerts(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireCaseLevel();
    Params p = Params.of(ctx.queryParamMap(), Set.of("force", "rule", "severity", "from", "to", "page", "size"));
    Filters.Alerts f = new Filters.Alerts(caller.scope(p.forces("force")), p.enums("rule", Rule.class),
        p.enums("severity", Severity.class), p.range(settings.maxRangeDays(), clock));
    PageRequest page = p.page(settings.maxPageSize(), 50);
    Results.Page r = results.alerts(f, page);
    ObjectNode out = JSON.createObjectNode();
    out.put("page", page.page()).put("size", page.size()).put("total", r.total());
    out.put("from", f.range().from().toString()).put("to", f.range().to().toString());
    ArrayNode items = out.putArray("items");
    r.items().forEach(items::add);
    json(ctx, out);
  }

  void alert(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireCaseLevel();
    Params.of(ctx.queryParamMap(), Set.of());
    String id = ctx.pathParam("alertId");
    if (!ALERT_ID.matcher(id).matches()) {
      throw ApiException.badRequest("an alert id is 1 to 64 letters, digits and '-'");
    }
    json(ctx, results.alert(id, caller.confinedTo()).orElseThrow(() -> ApiException.notFound("no such alert")));
  }

  void alertStream(Context ctx) throws java.io.IOException {
    Caller caller = caller(ctx);
    caller.requireCaseLevel();
    Params p = Params.of(ctx.queryParamMap(), Set.of("force", "rule", "severity"));
    Set<ForceId> forces = caller.scope(p.forces("force"));
    Set<Rule> rules = p.enums("rule", Rule.class);
    Set<Severity> severities = p.enums("severity", Severity.class);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiException(406, "not-acceptable", "this endpoint streams server-sent events: "
          + "send 'Accept: text/event-stream'");
    }
    Predicate<ObjectNode> admits = a -> (forces.isEmpty() || forces.contains(ForceId.of(a.path(Fields.FORCE).asText())))
        && (rules.isEmpty() || rules.contains(Rule.valueOf(a.path(Fields.RULE).asText())))
        && (severities.isEmpty() || severities.contains(Severity.valueOf(a.path(Fields.SEVERITY).asText())));
    // As Javalin's SseHandler does, without its exact-match test of the Accept header (ours is above).
    var res = ctx.res();
    res.setStatus(200);
    res.setCharacterEncoding("UTF-8");
    res.setContentType("text/event-stream");
    res.addHeader("Connection", "close");
    res.addHeader("Cache-Control", "no-cache");
    res.addHeader("X-Accel-Buffering", "no");
    res.flushBuffer();
    ctx.async(() -> {
      SseClient client = new SseClient(ctx);
      stream.subscribe(client, admits);
      client.keepAlive();
    });
  }

  // ---------------------------------------------------------------- aggregates

  void flows(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireAggregates();
    Params p = Params.of(ctx.queryParamMap(),
        Set.of("groupBy", "force", "recipient", "channel", "offence", "from", "to"));
    List<Filters.FlowDimension> groupBy = p.groupBy("groupBy", Filters.FlowDimension.class,
        Filters.FlowDimension.FORCE);
    Filters.Flows f = new Filters.Flows(caller.scope(p.forces("force")), p.enums("recipient", Recipient.class),
        p.enums("channel", Channel.class), p.enums("offence", Offence.class),
        p.range(settings.maxRangeDays(), clock));
    List<Results.FlowGroup> groups = results.flows(f, groupBy);
    List<String> names = groupBy.stream().map(Filters.FlowDimension::key).toList();
    boolean suppress = caller.suppressSmallCounts();
    if (wantsCsv(ctx)) {
      csv(ctx, Render.flowsCsv(names, groups, suppress));
    } else {
      json(ctx, Render.flowsJson(names, f.range(), groups, suppress));
    }
  }

  void delays(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireAggregates();
    Params p = Params.of(ctx.queryParamMap(), Set.of("groupBy", "force", "offence", "phase", "from", "to"));
    List<Filters.DelayDimension> groupBy = p.groupBy("groupBy", Filters.DelayDimension.class,
        Filters.DelayDimension.FORCE);
    Filters.Delays f = new Filters.Delays(caller.scope(p.forces("force")), p.enums("offence", Offence.class),
        p.enums("phase", Phase.class), p.range(settings.maxRangeDays(), clock));
    List<Results.DelayGroup> groups = results.delays(f, groupBy);
    List<String> names = groupBy.stream().map(Filters.DelayDimension::key).toList();
    boolean suppress = caller.suppressSmallCounts();
    if (wantsCsv(ctx)) {
      csv(ctx, Render.delaysCsv(names, groups, suppress));
    } else {
      json(ctx, Render.delaysJson(names, f.range(), groups, suppress));
    }
  }

  void metrics(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireAggregates();
    Params p = Params.of(ctx.queryParamMap(), Set.of("force", "from", "to", "page", "size"));
    Filters.Metrics f = new Filters.Metrics(caller.scope(p.forces("force")), p.range(settings.maxRangeDays(), clock));
    PageRequest page = p.page(settings.maxPageSize(), 100);
    Results.Page r = results.metrics(f, page);
    boolean suppress = caller.suppressSmallCounts();
    if (wantsCsv(ctx)) {
      csv(ctx, Render.metricsCsv(r.items(), suppress));
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("page", page.page()).put("size", page.size()).put("total", r.total());
    out.put("from", f.range().from().toString()).put("to", f.range().to().toString());
    ArrayNode items = out.putArray("items");
    for (JsonNode d : r.items()) {
      items.add(Render.metricsJson(d, suppress));
    }
    json(ctx, out);
  }

  // ---------------------------------------------------------------- lineage

  void reportLineage(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireCaseLevel();
    Params.of(ctx.queryParamMap(), Set.of());
    String reportId = ctx.pathParam("reportId");
    if (!REPORT_ID.matcher(reportId).matches()) {
      throw ApiException.badRequest("a report id is 1 to 128 printable characters without spaces");
    }
    Results.Chain chain = results.reportChain(reportId, caller.confinedTo());
    ObjectNode out = JSON.createObjectNode().put("reportId", reportId);
    chain(ctx, out, chain, "no lineage for this report");
  }

  void personLineage(Context ctx) {
    Caller caller = caller(ctx);
    caller.requireCaseLevel();
    Params.of(ctx.queryParamMap(), Set.of());
    String ref = ctx.pathParam("personRef");
    if (!PersonRef.isWellFormed(ref)) {
      throw ApiException.badRequest("a personRef is 'ph_' followed by 64 lowercase hex digits");
    }
    Results.Chain chain = results.personChain(ref, caller.confinedTo());
    ObjectNode out = JSON.createObjectNode().put("personRef", ref);
    chain(ctx, out, chain, "no lineage for this person");
  }

  private static void chain(Context ctx, ObjectNode out, Results.Chain chain, String notFound) {
    if (chain.entries().isEmpty()) {
      // Also what another force's chain looks like to a FORCE caller: existence is not revealed.
      throw ApiException.notFound(notFound);
    }
    out.put("truncated", chain.truncated());
    ArrayNode entries = out.putArray("entries");
    chain.entries().forEach(entries::add);
    json(ctx, out);
  }

  // ---------------------------------------------------------------- common

  private Caller caller(Context ctx) {
    return auth.authenticate(ctx.header("Authorization"));
  }

  static boolean wantsCsv(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
  }

  static void json(Context ctx, JsonNode body) {
    ctx.status(200).contentType("application/json").result(body.toString());
  }

  static void csv(Context ctx, Table table) {
    ctx.status(200).contentType("text/csv; charset=utf-8").result(table.toCsv());
  }
}
