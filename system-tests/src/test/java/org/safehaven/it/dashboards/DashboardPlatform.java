package org.safehaven.it.dashboards;

import org.safehaven.core.topic.TopicReadiness;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.safehaven.api.ApiServer;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.id.ForceId;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.dashboards.DashboardAssets;
import org.safehaven.indexer.IndexerService;
import org.safehaven.indexer.pipeline.Sources;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;

/**
 * The running platform the browser tests use, once per run, on the shared stack: private topics
 * ({@code dash-<id>.alerts}, ...), a real indexer copying them into private indices ({@code dash-<id>-*}),
 * and a real ApiServer with the dashboard mounted ({@link DashboardAssets#mount}), exactly as
 * {@code ./safehaven up} wires them. The {@link DashboardWorld} reaches Elasticsearch the way production
 * data does: Avro records on the topics, through the registry, then the indexer. Live alerts are raised
 * the same way, on the alerts topic the API's stream follows.
 */
final class DashboardPlatform implements AutoCloseable {

  /**
   * Puts the platform in JUnit's root store, which closes it when the run's tests are over: before the JVM's
   * shutdown hooks, so the indexer and the API stop while the shared stack's Kafka is still there.
   */
  static final class Shared implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(DashboardPlatform.class, k -> DashboardPlatform.get(), DashboardPlatform.class);
    }
  }


  private static final ObjectMapper JSON = new ObjectMapper();
  private static DashboardPlatform instance;

  final StackInfo stack;
  final String id;
  final Sources sources;
  final DashboardWorld world;
  final ApiServer api;
  /** Tokens by name: oversight, researcher, kent, essex. */
  final Map<String, String> tokens;
  private final IndexerService indexer;
  private final KafkaProducer<String, byte[]> producer;
  private final SchemaRegistryClient registry;
  private final Map<Class<?>, ConfluentAvroCodec<?>> codecs = new HashMap<>();
  private final List<Alert> raised = new java.util.concurrent.CopyOnWriteArrayList<>();
  private boolean closed;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DashboardPlatform() {
    this.stack = SharedStack.get();
    this.id = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    this.sources = Sources.prefixed(id);
    this.world = new DashboardWorld(Instant.now());
    createTopics();
    this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    this.producer = SharedStack.bytesProducer(stack.kafkaBootstrap());

    send(sources.crimeReports(), world.reports, CrimeReported::getReportId);
    send(sources.caseStatus(), world.statuses, CaseStatus::getReportId);
    send(sources.lineage(), world.flows, LineageRecord::getPersonRef);
    send(sources.alerts(), world.alerts, Alert::getForce);
    send(sources.metrics(), world.metrics, m -> m.getForce() + "|" + m.getDay());

    SafeHavenConfig config = new ConfigLoader(Map.of()).load(null, List.of(
        "indexer.groupId=" + id, "indexer.indexPrefix=" + id, "indexer.flushIntervalMs=50",
        "api.httpHost=127.0.0.1", "api.httpPort=0"));
    this.indexer = IndexerService.start(new IndexerService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        stack.elasticsearchUrl()), config.indexer(), sources);

    Path dir;
    try {
      dir = Files.createTempDirectory("safehaven-dashboards-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    Map<String, String> t = new LinkedHashMap<>();
    t.put("oversight", store.create(AccessRole.OVERSIGHT, "dashboards it").token());
    t.put("researcher", store.create(AccessRole.RESEARCHER, "dashboards it").token());
    t.put("kent", store.create(AccessRole.force(ForceId.of("kent")), "dashboards it").token());
    t.put("essex", store.create(AccessRole.force(ForceId.of("essex")), "dashboards it").token());
    this.tokens = Map.copyOf(t);
    this.api = ApiServer.start(config, new ApiServer.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        stack.elasticsearchUrl()), store, sources.alerts(), Clock.systemUTC(), DashboardAssets.mount(store));

    // Everything the world holds is searchable before any page opens.
    String expected = indexed(world.alerts.size(), world.metricsRows(), 6);
    try {
      await("the world indexed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> indexedNow().equals(expected));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the world did not reach the API within 120 s: expected " + expected + ", found "
          + indexedNow() + " (indexer stats: " + indexer.stats() + ")", e);
    }
    await("the live stream following").atMost(Duration.ofSeconds(60)).until(api::streamReady);
  }

  static synchronized DashboardPlatform get() {
    if (instance == null) {
      instance = new DashboardPlatform();
      // Only a fallback: JUnit's root store (see Shared) normally closes it first.
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }

  /** The dashboard's address (the API's: one origin). */
  String url() {
    return api.url();
  }

  /**
   * Raises an alert as the rules do: an Avro record on the alerts topic (the API streams it), and waits
   * until the indexer has stored it too, so later tests count it: see {@link #alerts(String)}. A later
   * revision of an alert raised before (same alertId) is its correction, or its withdrawal when it says so:
   * it replaces the earlier one in what the tests count.
   */
  void raise(Alert alert) {
    raised.removeIf(a -> a.getAlertId().equals(alert.getAlertId()));
    if (!alert.getWithdrawn()) {
      raised.add(alert);
    }
    send(sources.alerts(), List.of(alert), Alert::getForce);
    await("a raised alert indexed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> apiGet("/api/v1/alerts/" + alert.getAlertId(), "oversight").path("revision").asInt()
            >= alert.getRevision()
            && total("/api/v1/alerts?size=1&from=" + yearAgo()) == world.alerts.size() + raised.size());
  }

  /** The alerts the API holds for a force (null: all), the world's and those raised by tests so far. */
  long alerts(String force) {
    return java.util.stream.Stream.concat(world.alerts.stream(), raised.stream())
        .filter(a -> force == null || a.getForce().equals(force)).count();
  }

  /** Alerts raised by tests after the world was seeded (standing: corrections replace, withdrawals remove). */
  List<Alert> raised() {
    return List.copyOf(raised);
  }

  private void createTopics() {
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    try (Admin admin = Admin.create(a)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t : sources.inputs()) {
        topics.add(new NewTopic(t, 3, (short) 1));
      }
      topics.add(new NewTopic(sources.deadLetters(), 1, (short) 1));
      admin.createTopics(topics).all().get();
      TopicReadiness.awaitWritable(admin, topics.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(60));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot create the dashboard tests' topics", e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> void send(String topic, List<T> records, Function<T, String> key) {
    List<Future<?>> sent = new ArrayList<>();
    for (T r : records) {
      ConfluentAvroCodec<T> codec = (ConfluentAvroCodec<T>) codecs.computeIfAbsent(r.getClass(),
          c -> ConfluentAvroCodec.of(registry, (Class<T>) c));
      sent.add(producer.send(new ProducerRecord<>(topic, key.apply(r), codec.encode(topic, r))));
    }
    producer.flush();
    try {
      for (Future<?> f : sent) {
        f.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("producing the dashboard tests' records failed", e);
    }
  }

  /** GET on the API as oversight; the parsed answer. */
  JsonNode apiGet(String pathAndQuery, String tokenName) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
          .header("Authorization", "Bearer " + tokens.get(tokenName)).header("Accept", "application/json")
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", r.statusCode());
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long total(String pathAndQuery) {
    return apiGet(pathAndQuery, "oversight").path("total").asLong(-1);
  }

  /** Far enough back for everything the world and the tests hold, within the API's longest range. */
  private static String yearAgo() {
    return Instant.now().minus(Duration.ofDays(365)).toString().substring(0, 10);
  }

  private static String indexed(long alerts, long metrics, long chain) {
    return "alerts=" + alerts + " metrics=" + metrics + " chain=" + chain;
  }

  private String indexedNow() {
    return indexed(total("/api/v1/alerts?size=1&from=" + yearAgo()), metricsTotal(),
        apiGet("/api/v1/lineage/" + DashboardWorld.KENT_REPORT, "oversight").path("entries").size());
  }

  private long metricsTotal() {
    return total("/api/v1/metrics?size=1&from=" + world.reportedAt.minus(Duration.ofDays(5)).toString().substring(0, 10));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.close();
    indexer.close();
    producer.close(Duration.ofSeconds(5));
    registry.close();
  }
}
