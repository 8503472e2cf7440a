package org.safehaven.it.arrival;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.safehaven.api.ApiServer;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.topic.Topics;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.indexer.IndexerService;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.file.FileImporter;
import org.safehaven.ingest.file.ProgressListener;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;
import org.safehaven.streams.StreamsMain;
import picocli.CommandLine;

/**
 * The platform as {@code ./safehaven up} runs it, on the run's shared stack, for the arrival tests: ingest
 * (files and HTTP), the Kafka Streams application in a JVM of its own (so a test can stop it, or kill it
 * with SIGKILL, and start it again on the same state), the indexer and the API. Tests feed generated worlds
 * the way forces deliver them and read the alerts back through the API, against the generator's answer key.
 *
 * <p>The topics are the platform's: other ITs' events pass through the same application (each world's
 * eventIds, reportIds and pseudonymisation are its own, so they cannot meet), and each test reads only the
 * alerts about its own world's events. The policy is the published one (allowed lateness 24 h): nothing here
 * stretches it to fit a compressed world. Worlds lie in the last year, so every event is within the horizon
 * of whatever else is on the topics, and the ingest's future-skew check never bites.
 */
final class ArrivalPlatform implements AutoCloseable {

  /** Closes the platform when the run's tests are over, before the shared stack's shutdown hook. */
  static final class Shared implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(ArrivalPlatform.class, k -> ArrivalPlatform.get(), ArrivalPlatform.class);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private static ArrivalPlatform instance;

  final StackInfo stack;
  final Path dir;
  final String id;
  final IngestService ingest;
  final String appId;
  private final Path stateDir;
  private final Path policy;
  private final IndexerService indexer;
  private final ApiServer api;
  private final String oversight;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process streams;
  private int starts;

  private ArrivalPlatform() throws Exception {
    stack = SharedStack.get();
    id = "arrival-" + UUID.randomUUID().toString().substring(0, 8);
    dir = Files.createTempDirectory("safehaven-arrival-it");
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    PseudonymisationKey key = PseudonymisationKey.parse(HexFormat.of().formatHex(k), "arrival IT");
    SafeHavenConfig config = new ConfigLoader(Map.of()).load(null, List.of(
        "ingest.rawTopicGroupId=" + id + "-raw",
        "indexer.groupId=" + id, "indexer.indexPrefix=" + id, "indexer.flushIntervalMs=50",
        "api.httpHost=127.0.0.1", "api.httpPort=0"));
    ingest = IngestService.start(new IngestService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        dir.resolve("ingest")), config, key);
    appId = "safehaven-streams-" + id;
    stateDir = dir.resolve("streams-state");
    policy = dir.resolve("policy.yml");
    // The published thresholds; only the version is this test's.
    Files.writeString(policy, "version: it-arrival\n");
    startStreams();
    indexer = IndexerService.start(new IndexerService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        stack.elasticsearchUrl()), config.indexer());
    TokenStore tokens = TokenStore.open(TokenStore.defaultFile(dir));
    oversight = tokens.create(AccessRole.OVERSIGHT, "arrival it").token();
    api = ApiServer.start(config, new ApiServer.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        stack.elasticsearchUrl()), tokens, Topics.ALERTS.name(), Clock.systemUTC());
  }

  static synchronized ArrivalPlatform get() {
    if (instance == null) {
      try {
        instance = new ArrivalPlatform();
      } catch (Exception e) {
        throw new IllegalStateException("the arrival tests' platform did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }

  // ------------------------------------------------------------------ the Streams application's JVM

  /** Starts the application's JVM on its state directory and waits until its stream threads run. */
  synchronized void startStreams() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("streams-" + (++starts) + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        StreamsMain.class.getName(),
        "--bootstrap", stack.kafkaBootstrap(),
        "--registry", stack.registryUrl(),
        "--data-dir", dir.toString(),
        "--state-dir", stateDir.toString(),
        "--policy", policy.toString(),
        "--set", "streams.applicationId=" + appId);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    streams = pb.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(StreamsMain.READY)) {
        return;
      }
      if (!streams.isAlive()) {
        throw new AssertionError("the streams JVM exited " + streams.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the streams JVM was not ready within 2 minutes:\n" + tail(log));
  }

  /** Stops the application as an operator would (SIGTERM: it closes and commits). */
  synchronized void stopStreams() throws InterruptedException {
    streams.destroy();
    streams.waitFor();
  }

  /** Kills the application's JVM with SIGKILL: no shutdown hook, no close, transactions left open. */
  synchronized int killStreams() throws InterruptedException {
    streams.destroyForcibly();
    return streams.waitFor();
  }

  // ------------------------------------------------------------------ worlds

  /**
   * A generated world of the test profile (every edge case of the catalogue) in the last year, with its
   * answer key (all four rules) in the comparable form of {@link #comparable(JsonNode)}.
   */
  record World(long seed, Path file, List<String> lines, Set<String> eventIds, List<String> expected) {}

  World generate(long seed, String... extra) throws IOException {
    Path file = dir.resolve("world-" + seed + ".jsonl");
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(330);
    List<String> args = new ArrayList<>(List.of("--profile", "test", "--seed", Long.toString(seed),
        "--start", start.toString(), "--days", "300", "--quiet"));
    args.addAll(List.of(extra));
    args.add(file.toString());
    int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(),
        new PrintStream(new ByteArrayOutputStream()))).execute(args.toArray(String[]::new));
    if (code != 0) {
      throw new IllegalStateException("generate exited " + code);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Set<String> eventIds = new HashSet<>();
    for (String line : lines) {
      try {
        JsonNode n = JSON.readTree(line);
        if (n.path("eventId").isTextual()) {
          eventIds.add(n.get("eventId").asText());
        }
      } catch (IOException e) {
        // A deliberately bad line of the profile: ingest dead-letters it.
      }
    }
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(file + ".key.jsonl"), StandardCharsets.UTF_8)) {
      expected.add(comparable(JSON.readTree(line)));
    }
    expected.sort(null);
    return new World(seed, file, lines, eventIds, expected);
  }

  /** Imports a file in one go, as {@code ./safehaven ingest FILE} does. */
  IngestCounts.Snapshot importFile(Path file) throws IOException {
    return new FileImporter(ingest.pipeline()).importFile(file, ProgressListener.NONE);
  }

  Path write(String name, List<String> lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, lines, StandardCharsets.UTF_8);
    return p;
  }

  /** Posts events to the HTTP ingest as a force's live system does: small JSON arrays, in order. */
  void post(List<String> lines) throws IOException, InterruptedException {
    String body = "[" + String.join(",", lines.stream().filter(ArrivalPlatform::isJsonObject).toList()) + "]";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ingest.httpUrl() + "/api/v1/events"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + operatorToken())
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 500) {
      throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
    }
  }

  private String operatorToken() throws IOException {
    return Files.readString(ingest.operatorTokenFile(), StandardCharsets.US_ASCII).strip();
  }

  private static boolean isJsonObject(String line) {
    try {
      return JSON.readTree(line).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ reading the alerts back, as users do

  /** Every alert the API lists about the world's events, in comparable form, sorted. */
  List<String> alertsOf(World world) {
    List<String> out = new ArrayList<>();
    String from = LocalDate.now(ZoneOffset.UTC).minusDays(400).toString();
    String to = Instant.now().plus(Duration.ofDays(1)).toString();
    for (int page = 0; ; page++) {
      JsonNode body = get("/api/v1/alerts?size=500&page=" + page + "&from=" + from + "&to=" + to);
      JsonNode items = body.path("items");
      for (JsonNode a : items) {
        if (world.eventIds().contains(a.path("triggeringEventId").asText())) {
          out.add(comparable(a));
        }
      }
      if (items.size() < 500) {
        break;
      }
    }
    out.sort(null);
    return out;
  }

  JsonNode get(String pathAndQuery) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery))
          .header("Authorization", "Bearer " + oversight).header("Accept", "application/json")
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An alert (the API's JSON or a key line) as one comparable line of every field the rules decide. */
  static String comparable(JsonNode n) {
    return String.join("|", text(n, "rule"), text(n, "triggeringEventId"), text(n, "force"), text(n, "severity"),
        text(n, "reportId"), Instant.parse(n.get("eventTime").asText()).toString(), text(n, "delayHours"),
        text(n, "phase"), Boolean.toString(n.path("mixedRoles").asBoolean(false)), text(n, "offence"),
        text(n, "channel"), text(n, "recipient"), text(n, "windowDisclosures"), text(n, "windowAfterClosure"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "null" : v.asText();
  }

  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public synchronized void close() {
    if (streams != null && streams.isAlive()) {
      streams.destroy();
      try {
        streams.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    api.close();
    indexer.close();
    ingest.close();
  }
}
