package org.safehaven.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.runtime.bootstrap.RegistryBootstrap;
import org.safehaven.runtime.bootstrap.TopicBootstrap;
import org.safehaven.runtime.process.ChildProcess;
import org.safehaven.runtime.process.DataDirLock;
import org.safehaven.runtime.process.PidFiles;
import org.safehaven.runtime.process.Ports;
import org.safehaven.runtime.service.ApicurioRegistry;
import org.safehaven.runtime.service.ElasticsearchNode;
import org.safehaven.runtime.service.KafkaBroker;
import org.safehaven.runtime.service.Readiness;

/**
 * Starts the platform's real infrastructure for one data directory: Kafka (KRaft), the schema registry
 * and Elasticsearch, each embedded as a child process unless the configuration points at an external one.
 * The three start in parallel; each is awaited until healthy, then Kafka gets the platform's topics and
 * the registry its compatibility level and schemas. When all of that is done, {@code DIR/stack.json} is
 * written and the {@link RunningStack} returned. If anything fails, everything already started is
 * stopped and a {@link StackException} with one line for the user (naming the service and its log) is
 * thrown.
 *
 * <p>Used by {@code ./safehaven up} and by the system tests' shared stack.
 */
public final class EmbeddedStack {

  /** How long a server may take to shut down cleanly after SIGTERM before it is killed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration EARLIER_STACK_WAIT = Duration.ofSeconds(STOP_GRACE.toSeconds() + 5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedStack() {}

  public static RunningStack start(SafeHavenConfig config) {
    return start(config, line -> { });
  }

  /** @param progress receives one line per step (service ready, topics created), for a terminal */
  public static RunningStack start(SafeHavenConfig config, Consumer<String> progress) {
    long t0 = System.nanoTime();
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    Path logs = dataDir.resolve("logs");
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new StackException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    RuntimeLayout layout = RuntimeLayout.fromBuild();
    DataDirLock lock = DataDirLock.acquire(dataDir);
    PidFiles pidFiles = new PidFiles(dataDir);
    try {
      awaitEarlierChildren(pidFiles, dataDir);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    RunningStack stack = new RunningStack(dataDir, lock, pidFiles, progress);
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "safehaven-start");
      t.setDaemon(true);
      return t;
    });
    try {
      Starter starter = new Starter(config, layout, stack, logs, progress, t0);
      CompletableFuture<String> kafka = starter.run(pool, starter::kafka);
      CompletableFuture<String> registry = starter.run(pool, starter::registry);
      CompletableFuture<String> elasticsearch = starter.run(pool, starter::elasticsearch);
      CompletableFuture.allOf(kafka, registry, elasticsearch).exceptionally(e -> null).join();
      starter.throwFirstFailure();
      StackInfo info = new StackInfo(kafka.join(), registry.join(), elasticsearch.join(), dataDir, stack.pids(),
          Map.of());
      StackFile.write(dataDir, info);
      stack.ready(info, seconds(t0));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      if (e instanceof CancellationException || e instanceof CompletionException) {
        throw new StackException("the start was interrupted", e);
      }
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A child of an earlier stack on this directory may still be going down (its parent was killed and its
   * monitor is in the grace period). Wait for it rather than start a second server on the same files.
   */
  private static void awaitEarlierChildren(PidFiles pidFiles, Path dataDir) {
    long deadline = System.nanoTime() + EARLIER_STACK_WAIT.toNanos();
    List<ProcessHandle> alive = pidFiles.stillRunning();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      sleep(200);
      alive = pidFiles.stillRunning();
    }
    if (!alive.isEmpty()) {
      throw new StackException("a process of an earlier stack on " + dataDir + " is still running (pid "
          + alive.get(0).pid() + "); stop it first");
    }
    pidFiles.deleteAll();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /** The three start-up paths, run in parallel; the first failure abandons the others. */
  private static final class Starter {
    private final SafeHavenConfig config;
    private final RuntimeLayout layout;
    private final RunningStack stack;
    private final Path logs;
    private final Consumer<String> progress;
    private final long t0;
    private final Duration timeout;
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Starter(SafeHavenConfig config, RuntimeLayout layout, RunningStack stack, Path logs, Consumer<String> progress,
            long t0) {
      this.config = config;
      this.layout = layout;
      this.stack = stack;
      this.logs = logs;
      this.progress = progress;
      this.t0 = t0;
      this.timeout = Duration.ofSeconds(config.startupTimeoutSeconds());
    }

    CompletableFuture<String> run(ExecutorService pool, Supplier<String> task) {
      return CompletableFuture.supplyAsync(task, pool).whenComplete((ok, e) -> {
        if (e != null) {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (!(cause instanceof CancellationException)) {
            firstFailure.compareAndSet(null, cause instanceof RuntimeException re ? re
                : new StackException(cause.toString(), cause));
          }
        }
      });
    }

    void throwFirstFailure() {
      RuntimeException e = firstFailure.get();
      if (e != null) {
        throw e;
      }
      if (stack.closing()) {
        throw new CancellationException("the stack was stopped while starting");
      }
    }

    boolean aborted() {
      return firstFailure.get() != null || stack.closing();
    }

    private void done(String line) {
      progress.accept(String.format(Locale.ROOT, "%-58s (%.1f s)", line, seconds(t0)));
    }

    String kafka() {
      SafeHavenConfig.Kafka k = config.kafka();
      ChildProcess child = null;
      String bootstrap;
      String where;
      if (k.embedded()) {
        int port = Ports.resolve(k.port(), "kafka.port");
        int controllerPort = Ports.resolve(k.controllerPort(), "kafka.controllerPort");
        while (controllerPort == port) {
          controllerPort = Ports.free();
        }
        KafkaBroker.Plan plan = new KafkaBroker.Plan(stack.dataDir().resolve("kafka"), port, controllerPort, k.heapMb());
        child = stack.adopt("kafka", KafkaBroker.start(layout, plan, logs, STOP_GRACE));
        bootstrap = plan.bootstrap();
        where = child.logFile().toString();
      } else {
        bootstrap = k.bootstrapServers();
        where = "the cluster at " + bootstrap;
      }
      ChildProcess c = child;
      int port = c == null ? 0 : Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
      AtomicReference<Admin> admin = new AtomicReference<>();
      try {
        Readiness.await(KafkaBroker.NAME, child, where, timeout, this::aborted, () -> {
          // The admin client logs a warning per refused connection: let the embedded broker listen first.
          if (c != null && !Ports.accepts("127.0.0.1", port, 500)) {
            return false;
          }
          return !admin.updateAndGet(a -> a != null ? a : admin(bootstrap))
              .describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        });
        done("Kafka ready at " + bootstrap);
        var plan = TopicBootstrap.plan(Topics.ALL, config.topics());
        int created = TopicBootstrap.createAll(admin.get(), plan, 30);
        done("Topics: " + created + " created, " + (plan.size() - created) + " already there");
      } finally {
        if (admin.get() != null) {
          admin.get().close(Duration.ofSeconds(5));
        }
      }
      return bootstrap;
    }

    String registry() {
      SafeHavenConfig.Registry r = config.registry();
      ChildProcess child = null;
      String url;
      String where;
      if (r.embedded()) {
        layout.requireApicurio();
        int port = Ports.resolve(r.port(), "registry.port");
        ApicurioRegistry.Plan plan = new ApicurioRegistry.Plan(stack.dataDir().resolve("registry"), port, r.heapMb());
        child = stack.adopt("registry", ApicurioRegistry.start(layout, plan, logs, STOP_GRACE));
        url = plan.ccompatUrl();
        where = child.logFile().toString();
      } else {
        url = r.url();
        where = "the registry at " + url;
      }
      String subjects = url + "/subjects";
      Readiness.await(ApicurioRegistry.NAME, child, where, timeout, this::aborted,
          () -> get(subjects).statusCode() == 200);
      int registered;
      try (SchemaRegistryClient client = new HttpSchemaRegistryClient(url)) {
        registered = RegistryBootstrap.apply(client, r.compatibility(), RegistryBootstrap.subjects(Topics.ALL)).size();
      }
      done("Schema registry ready at " + url);
      done("Schemas: " + registered + " registered, compatibility " + r.compatibility());
      return url;
    }

    String elasticsearch() {
      SafeHavenConfig.Elasticsearch es = config.elasticsearch();
      ChildProcess child = null;
      String url;
      String where;
      if (es.embedded()) {
        layout.requireElasticsearch();
        int httpPort = Ports.resolve(es.port(), "elasticsearch.port");
        int transportPort = Ports.free();
        while (transportPort == httpPort) {
          transportPort = Ports.free();
        }
        ElasticsearchNode.Plan plan = new ElasticsearchNode.Plan(stack.dataDir().resolve("elasticsearch"), httpPort,
            transportPort, es.heapMb(), ElasticsearchNode.runAs(es.runAsUser()));
        child = stack.adopt("elasticsearch", ElasticsearchNode.start(layout, plan, logs, STOP_GRACE));
        url = plan.url();
        where = child.logFile() + " and " + plan.logs();
      } else {
        url = es.url().endsWith("/") ? es.url().substring(0, es.url().length() - 1) : es.url();
        where = "the cluster at " + url;
      }
      String health = url + "/_cluster/health?wait_for_status=yellow&timeout=1s";
      Readiness.await(ElasticsearchNode.NAME, child, where, timeout, this::aborted, () -> {
        HttpResponse<String> response = get(health);
        if (response.statusCode() != 200) {
          return false;
        }
        JsonNode status = JSON.readTree(response.body()).path("status");
        return "green".equals(status.asText()) || "yellow".equals(status.asText());
      });
      done("Elasticsearch ready at " + url);
      return url;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private static Admin admin(String bootstrap) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, "safehaven-up");
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
      p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
      return Admin.create(p);
    }
  }
}
