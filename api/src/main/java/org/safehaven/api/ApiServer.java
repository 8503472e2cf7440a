package org.safehaven.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.safehaven.api.access.Authenticator;
import org.safehaven.api.http.ApiException;
import org.safehaven.api.query.ResultService;
import org.safehaven.api.query.SearchUnavailableException;
import org.safehaven.api.stream.AlertStream;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.indexer.ElasticsearchClients;
import org.safehaven.indexer.IndexNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where people look: the query API, JSON (and CSV for aggregates) over HTTP under {@code /api/v1}.
 *
 * <pre>
 * GET /api/v1/alerts                      alerts, filtered by force, rule, severity, time; paged
 * GET /api/v1/alerts/{alertId}            one alert
 * GET /api/v1/alerts/stream               live alerts as server-sent events
 * GET /api/v1/flows                       disclosures and PNC immigration checks, grouped
 * GET /api/v1/delays                      delayed-sharing delays: count, p50, p90, max, grouped
 * GET /api/v1/metrics                     daily force metrics; paged
 * GET /api/v1/lineage/{reportId}          a report's chain: report, case statuses, PNC queries, disclosures, alerts
 * GET /api/v1/lineage/person/{personRef}  a person's chain
 * GET /api/v1/openapi.json                this API's OpenAPI 3 description (no token needed)
 * GET /api/v1/health                      {"status":"UP"} (no token needed)
 * </pre>
 *
 * <p>Every answer other than 200 is JSON {@code {"status":..,"error":..,"message":..}}, never a stack
 * trace: 400 for bad input (what was wrong, never the input itself), 401 without a valid bearer token,
 * 403 for a role that may not call the endpoint, 404 for what does not exist or belongs to another force,
 * 503 when Elasticsearch cannot answer. Access rules: {@link org.safehaven.api.access.Caller}.
 *
 * <p>{@code ./safehaven up} starts it with {@code ApiServer.start(config, new ApiServer.Endpoints(
 * info.kafkaBootstrap(), info.registryUrl(), info.elasticsearchUrl()), TokenStore.open(
 * TokenStore.defaultFile(dataDir)))} and writes {@link #url()} to stack.json as {@code apiUrl}.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String OPENAPI_PATH = "/api/v1/openapi.json";

  /** Where the API finds Kafka (live alerts), the registry (to decode them) and Elasticsearch. */
  public record Endpoints(String kafkaBootstrap, String registryUrl, String elasticsearchUrl) {
    public Endpoints {
      Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
      Objects.requireNonNull(registryUrl, "registryUrl");
      Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
    }
  }

  private final Javalin app;
  private final AlertStream stream;
  private final SchemaRegistryClient registry;
  private final ElasticsearchClients es;
  private final String url;

  private ApiServer(Javalin app, AlertStream stream, SchemaRegistryClient registry, ElasticsearchClients es,
                    String url) {
    this.app = app;
    this.stream = stream;
    this.registry = registry;
    this.es = es;
    this.url = url;
  }

  /** Starts the API on {@code api.httpHost:api.httpPort}, reading the indices of {@code indexer.indexPrefix}. */
  public static ApiServer start(SafeHavenConfig config, Endpoints endpoints, TokenStore tokens) {
    return start(config, endpoints, tokens, Topics.ALERTS.name(), Clock.systemUTC());
  }

  /** As {@link #start(SafeHavenConfig, Endpoints, TokenStore)}, streaming live alerts from the given topic. */
  public static ApiServer start(SafeHavenConfig config, Endpoints endpoints, TokenStore tokens, String alertsTopic,
                                Clock clock) {
    return start(config, endpoints, tokens, alertsTopic, clock, cfg -> { });
  }

  /**
   * As above, with more served beside the API on the same address: {@code mounts} receives the server's
   * configuration before it starts (e.g. the web dashboard's {@code DashboardAssets.mount(tokens)}, which
   * serves its pages at {@code /}), so one origin serves both and the browser needs no CORS.
   */
  public static ApiServer start(SafeHavenConfig config, Endpoints endpoints, TokenStore tokens, String alertsTopic,
                                Clock clock, Consumer<JavalinConfig> mounts) {
    SafeHavenConfig.Api settings = config.api();
    ElasticsearchClients es = ElasticsearchClients.connect(endpoints.elasticsearchUrl());
    SchemaRegistryClient registry = null;
    AlertStream stream = null;
    try {
      registry = new HttpSchemaRegistryClient(endpoints.registryUrl());
      stream = new AlertStream(endpoints.kafkaBootstrap(), registry, alertsTopic).start();
      ResultService results = new ResultService(es.client(), new IndexNames(config.indexer().indexPrefix()));
      ApiRoutes routes = new ApiRoutes(new Authenticator(tokens), results, stream, settings, clock);
      Javalin app = create(routes, mounts);
      app.start(settings.httpHost(), settings.httpPort());
      String url = "http://" + settings.httpHost() + ":" + app.port();
      LOG.info("query API listening on {}/api/v1 (OpenAPI: {}{})", url, url, OPENAPI_PATH);
      return new ApiServer(app, stream, registry, es, url);
    } catch (RuntimeException e) {
      if (stream != null) {
        stream.close();
      }
      if (registry != null) {
        registry.close();
      }
      es.close();
      throw e;
    }
  }

  static Javalin create(ApiRoutes routes) {
    return create(routes, cfg -> { });
  }

  static Javalin create(ApiRoutes routes, Consumer<JavalinConfig> mounts) {
    String openApi = resource("/org/safehaven/api/openapi.json");
    Javalin app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = 16 * 1024;
      cfg.http.asyncTimeout = 0;
      mounts.accept(cfg);
    });
    app.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi));
    app.get("/api/v1/health", ctx -> ApiRoutes.json(ctx, JSON.createObjectNode().put("status", "UP")));
    app.get("/api/v1/alerts", routes::alerts);
    app.get("/api/v1/alerts/stream", routes::alertStream);
    app.get("/api/v1/alerts/{alertId}", routes::alert);
    app.get("/api/v1/flows", routes::flows);
    app.get("/api/v1/delays", routes::delays);
    app.get("/api/v1/metrics", routes::metrics);
    app.get("/api/v1/lineage/person/{personRef}", routes::personLineage);
    app.get("/api/v1/lineage/{reportId}", routes::reportLineage);
    app.exception(ApiException.class, (e, ctx) -> {
      if (e.status() == 401) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"safehaven\"");
      }
      error(ctx, e.status(), e.code(), e.getMessage());
    });
    app.exception(SearchUnavailableException.class, (e, ctx) -> {
      LOG.warn("search failed: {}", e.getCause() == null ? "?" : e.getCause().getClass().getName());
      ctx.header("Retry-After", "5");
      error(ctx, 503, "unavailable", "the search service could not answer; try again shortly");
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("query API request failed ({})", e.getClass().getName());
      error(ctx, 500, "internal", "the request could not be handled");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        error(ctx, 404, "not-found", "no such endpoint");
      }
    });
    app.error(405, ctx -> error(ctx, 405, "method-not-allowed", "this endpoint answers GET only"));
    return app;
  }

  static void error(Context ctx, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("status", status).put("error", code).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static String resource(String path) {
    try (InputStream in = ApiServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the api jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43211} (endpoints are under /api/v1). */
  public String url() {
    return url;
  }

  public int port() {
    return app.port();
  }

  /** Whether live alerts are being followed (the stream consumer reached the end of the alerts topic). */
  public boolean streamReady() {
    return stream.ready();
  }

  @Override
  public void close() {
    stream.close();
    app.stop();
    registry.close();
    es.close();
  }
}
