package org.safehaven.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.safehaven.api.ApiServer;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.ConfigException;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.dashboards.DashboardAssets;
import org.safehaven.indexer.IndexerService;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.runtime.bootstrap.RegistryBootstrap;
import org.safehaven.runtime.bootstrap.TopicBootstrap;
import org.safehaven.streams.StreamsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven serve SERVICE}: one of the platform's services on its own, against an existing Kafka
 * cluster, schema registry and Elasticsearch: the entry point of each container of the distributed deployment
 * (docker-compose.yml). It is a thin wrapper over the same builders {@code ./safehaven up} wires together in
 * one JVM ({@code Platform}), so the embedded default and a deployment differ only in addresses and sizes.
 *
 * <p>Contract:
 * <ul>
 *   <li>Addresses come from the configuration ({@code kafka.bootstrapServers}, {@code registry.url},
 *       {@code elasticsearch.url}, e.g. through {@code SAFEHAVEN_*} variables); a service refuses to start when
 *       one it needs is empty, since a deployment has no embedded stack to fall back on.</li>
 *   <li>{@code bootstrap} is one-shot: it creates the topics (partitions, replication factor and retention of
 *       {@code topics.*}) and registers the schemas with {@code registry.compatibility}, then exits 0. It is
 *       idempotent, like the embedded stack's start.</li>
 *   <li>Every other service runs until SIGTERM (exit 0 after a clean stop) or until it fails (exit 1). While it
 *       is healthy it touches {@code DATA/run/SERVICE.alive} every {@link #HEARTBEAT}; a container health check
 *       reads the file's age, so a service that hangs turns unhealthy rather than merely staying up.</li>
 *   <li>{@code ingest} needs the deployment's pseudonymisation key ({@code SAFEHAVEN_PSEUDONYMISATION_KEY_FILE}):
 *       there is no demo key outside {@code up}.</li>
 *   <li>{@code api} serves the query API alone; {@code dashboard} serves the same API with the web dashboard on
 *       one origin (the browser needs no CORS). Both read tokens from {@code DATA/secrets/tokens.json}, which
 *       holds only hashes ({@code ./safehaven token create} writes it).</li>
 * </ul>
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run one service of a distributed deployment against the Kafka, registry and Elasticsearch the "
        + "configuration names (kafka.bootstrapServers, registry.url, elasticsearch.url): bootstrap (topics and "
        + "schemas, then exit), ingest, streams, indexer, api or dashboard.")
public final class ServeCommand implements Callable<Integer> {

  /** What the ready line starts with; logs and scripts look for it. */
  public static final String READY_PREFIX = "Safe Haven service running";
  /** How often a healthy service touches its alive file; health checks allow a few missed beats. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(5);

  /** The services a container can run, with the addresses each one needs. */
  public enum Service {
    bootstrap(true, true, false),
    ingest(true, true, false),
    streams(true, true, false),
    indexer(true, true, true),
    api(true, true, true),
    dashboard(true, true, true);

    private final boolean needsKafka;
    private final boolean needsRegistry;
    private final boolean needsElasticsearch;

    Service(boolean needsKafka, boolean needsRegistry, boolean needsElasticsearch) {
      this.needsKafka = needsKafka;
      this.needsRegistry = needsRegistry;
      this.needsElasticsearch = needsElasticsearch;
    }

    /** The address settings this service needs that the configuration leaves empty, with their variables. */
    public List<String> missingAddresses(SafeHavenConfig config) {
      List<String> missing = new ArrayList<>();
      if (needsKafka && config.kafka().embedded()) {
        missing.add(described("kafka.bootstrapServers"));
      }
      if (needsRegistry && config.registry().embedded()) {
        missing.add(described("registry.url"));
      }
      if (needsElasticsearch && config.elasticsearch().embedded()) {
        missing.add(described("elasticsearch.url"));
      }
      return missing;
    }

    private static String described(String key) {
      return key + " (" + ConfigLoader.envName(key) + ")";
    }
  }

  @Parameters(index = "0", paramLabel = "SERVICE",
      description = "One of: ${COMPLETION-CANDIDATES}.")
  Service service;

  @Mixin
  ConfigOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    SafeHavenConfig config = options.load();
    List<String> missing = service.missingAddresses(config);
    if (!missing.isEmpty()) {
      throw new ConfigException("serve " + service + " runs against existing services and needs "
          + String.join(", ", missing) + " to be set");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (service == Service.bootstrap) {
      bootstrap(config, out);
      return 0;
    }
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    Running running = start(service, config, dataDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "safehaven-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(READY_PREFIX + ": " + service + running.where());
    out.flush();
    Path alive = aliveFile(dataDir, service);
    touch(alive);
    while (!stopped.await(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
      if (!running.healthy().getAsBoolean()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + service + " stopped unexpectedly; see its log");
        err.flush();
        deleteQuietly(alive);
        Runtime.getRuntime().removeShutdownHook(hook);
        running.close();
        return Main.EXIT_FAILURE;
      }
      touch(alive);
    }
    deleteQuietly(alive);
    return 0;
  }

  /** The file a healthy service touches every {@link #HEARTBEAT}. */
  public static Path aliveFile(Path dataDir, Service service) {
    return dataDir.resolve("run").resolve(service + ".alive");
  }

  private record Running(AutoCloseable service, BooleanSupplier healthy, String where) {
    void close() {
      try {
        service.close();
      } catch (Exception e) {
        // Stopping: the service's own log has the details; nothing more can be done here.
      }
    }
  }

  private static Running start(Service service, SafeHavenConfig config, Path dataDir) {
    String kafka = config.kafka().bootstrapServers();
    String registry = config.registry().url();
    String es = config.elasticsearch().url();
    try {
      return switch (service) {
        case ingest -> {
          IngestService s = IngestService.start(new IngestService.Endpoints(kafka, registry, dataDir), config,
              PseudonymisationKey.fromEnvironment(System.getenv()));
          yield new Running(s, () -> true, " on " + s.httpUrl());
        }
        case streams -> {
          StreamsApp s = StreamsApp.start(config, kafka, registry).awaitRunning(Duration.ofMinutes(5));
          yield new Running(s, () -> streamsAlive(s.state()), " (policy " + s.policy().version() + ")");
        }
        case indexer -> {
          IndexerService s = IndexerService.start(new IndexerService.Endpoints(kafka, registry, es), config.indexer());
          yield new Running(s, s::running, " into " + es);
        }
        case api -> {
          ApiServer s = ApiServer.start(config, new ApiServer.Endpoints(kafka, registry, es), tokens(dataDir));
          yield new Running(s, () -> true, " on " + s.url() + "/api/v1");
        }
        case dashboard -> {
          TokenStore tokens = tokens(dataDir);
          ApiServer s = ApiServer.start(config, new ApiServer.Endpoints(kafka, registry, es), tokens,
              Topics.ALERTS.name(), Clock.systemUTC(), DashboardAssets.mount(tokens));
          yield new Running(s, () -> true, " on " + s.url() + "/");
        }
        case bootstrap -> throw new IllegalStateException("bootstrap is one-shot");
      };
    } catch (ConfigException | StackException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StackException("cannot start " + service + ": " + e.getMessage(), e);
    }
  }

  /** A Streams application is alive while it runs or rebalances; ERROR and NOT_RUNNING are final. */
  static boolean streamsAlive(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
        || state == KafkaStreams.State.CREATED;
  }

  private static TokenStore tokens(Path dataDir) {
    return TokenStore.open(TokenStore.defaultFile(dataDir));
  }

  private static void bootstrap(SafeHavenConfig config, PrintWriter out) {
    String kafka = config.kafka().bootstrapServers();
    var plan = TopicBootstrap.plan(Topics.ALL, config.topics());
    try (Admin admin = Admin.create(java.util.Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
        AdminClientConfig.CLIENT_ID_CONFIG, "safehaven-bootstrap",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000"))) {
      int created = TopicBootstrap.createAll(admin, plan, config.startupTimeoutSeconds());
      out.println("Topics: " + created + " created, " + (plan.size() - created) + " already there (replication factor "
          + config.topics().replicationFactor() + ")");
    }
    try (SchemaRegistryClient client = new HttpSchemaRegistryClient(config.registry().url())) {
      int registered = RegistryBootstrap.apply(client, config.registry().compatibility(),
          RegistryBootstrap.subjects(Topics.ALL)).size();
      out.println("Schemas: " + registered + " registered, compatibility " + config.registry().compatibility());
    } catch (RuntimeException e) {
      throw new StackException("cannot register the schemas at " + config.registry().url() + ": " + e.getMessage(), e);
    }
    out.flush();
  }

  private static void touch(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      } else {
        Files.createFile(file);
      }
    } catch (IOException e) {
      // A missed beat only turns the health check red; the service itself is unaffected.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Stale alive files are harmless: health checks read their age.
    }
  }
}
