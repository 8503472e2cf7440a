package org.safehaven.it.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.safehaven.api.ApiServer;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.IndexerService;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.document.IndexDocument;
import org.safehaven.indexer.template.IndexTemplates;
import org.safehaven.it.SharedStack;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Channel;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The indexer and query benchmark (issue 6). Runs only when asked:
 *
 * <pre>
 *   mvn -pl system-tests verify -Dit.test=IndexerBenchmarkIT -Dsafehaven.bench=true
 * </pre>
 *
 * <p>One synthetic national year, shaped like the platform's output: 200,000 lineage records (disclosures to
 * every kind of recipient and PNC IMMIGRATION_STATUS checks, a third of them about people with a
 * protected role), 20,000 alerts (half DELAYED_SHARING with delays of hours to months) and the daily
 * metrics of 44 forces (16,060). Measured in the same run on the shared stack:
 * <ol>
 *   <li>indexer throughput: documents per second from the moment the indexer starts on the filled topics
 *       until every offset is committed (Kafka read, Avro decode, mapping, BulkIngester, acknowledgement);</li>
 *   <li>the ceiling: the same documents' JSON sent as plain {@code _bulk} NDJSON by the JDK HTTP client,
 *       same batch size and concurrency, into a second set of indices with the same templates, each answer
 *       read and its {@code errors} flag checked; rounds alternate with the indexer's; the target is
 *       indexer / plain &ge; 0.8;</li>
 *   <li>p50/p99 latency of {@code /api/v1/flows} and {@code /api/v1/delays} over HTTP with an oversight
 *       token, 200 requests per query shape, over that year (target p99 &le; 200 ms).</li>
 * </ol>
 * Results are printed and written to {@code target/indexer-benchmark.txt}.
 */
class IndexerBenchmarkIT {

  private static final int LINEAGE = 200_000;
  private static final int ALERTS = 20_000;
  private static final Instant YEAR = Instant.parse("2025-01-01T00:00:00Z");
  private static final long YEAR_SECONDS = 365L * 86_400;

  @Test
  void indexerThroughputAndQueryLatencyOverAGeneratedYear() throws Exception {
    assumeTrue(Boolean.getBoolean("safehaven.bench"), "benchmark: run with -Dsafehaven.bench=true");
    StringBuilder report = new StringBuilder();
    try (Landing l = Landing.create()) {
      Random rnd = new Random(42);
      List<LineageRecord> lineage = lineage(rnd);
      List<Alert> alerts = alerts(rnd);
      List<ForceDayMetrics> metrics = metrics(rnd);
      l.send(l.sources.lineage(), lineage, LineageRecord::getPersonRef);
      l.send(l.sources.alerts(), alerts, Alert::getForce);
      l.send(l.sources.metrics(), metrics, m -> m.getForce() + "|" + m.getDay());
      int total = lineage.size() + alerts.size() + metrics.size();
      // An alert record is two documents (the alert and its revision's history entry): rates count documents.
      int documents = total + alerts.size();

      // Rounds alternate (plain, indexer, plain, indexer), each into fresh indices, so a change of load on
      // the machine during the run weighs on both sides alike.
      List<Double> plainRates = new ArrayList<>();
      List<Double> indexerRates = new ArrayList<>();
      List<Double> steadyRates = new ArrayList<>();
      for (int round = 1; round <= 2; round++) {
        IndexNames plainNames = new IndexNames("bench-plain-" + round + "-" + l.id);
        Documents plainDocs = new Documents(plainNames);
        List<IndexDocument> docs = new ArrayList<>(documents);
        lineage.forEach(r -> docs.add(plainDocs.lineage(r)));
        alerts.forEach(a -> docs.addAll(plainDocs.alertDocuments(a)));
        for (int i = 0; i < metrics.size(); i++) {
          docs.add(plainDocs.metrics(metrics.get(i), i));
        }
        IndexTemplates.install(l.es(), plainNames);
        plainRates.add(plainBulk(l.elasticsearchUrl, docs, tuned(l).bulkMaxOperations(),
            tuned(l).bulkConcurrentRequests()));
        docs.clear();

        // A new group and new indices: the indexer reads the same topics from the start.
        String prefix = (round == 1 ? "it-" : "bench-idx-" + round + "-") + l.id;
        List<String> flags = new ArrayList<>(extraSettings());
        flags.add("indexer.groupId=bench-" + round + "-" + l.id);
        flags.add("indexer.indexPrefix=" + prefix);
        var settings = l.config(flags.toArray(String[]::new)).indexer();
        long t0 = System.nanoTime();
        long[] firstAck = {0};
        try (IndexerService indexer = IndexerService.start(new IndexerService.Endpoints(l.stack.kafkaBootstrap(),
            l.stack.registryUrl(), l.elasticsearchUrl), settings, l.sources)) {
          await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            long n = indexer.stats().indexed();
            if (n > 0 && firstAck[0] == 0) {
              firstAck[0] = System.nanoTime();
            }
            return n >= total;
          });
          long t1 = System.nanoTime();
          indexerRates.add(documents / ((t1 - t0) / 1e9));
          steadyRates.add((documents - settings.bulkMaxOperations()) / ((t1 - firstAck[0]) / 1e9));
        }
        line(report, "round %d: plain _bulk %.0f docs/s; indexer %.0f docs/s from start (templates, group join"
            + " included), %.0f docs/s from its first acknowledged bulk", round, plainRates.get(round - 1),
            indexerRates.get(round - 1), steadyRates.get(round - 1));
      }
      assertThat(l.count(l.indices.lineage())).isEqualTo(LINEAGE);
      double plain = plainRates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double indexerRate = indexerRates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double steady = steadyRates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      line(report, "documents: %d (lineage %d, alerts %d and as many history entries, metrics %d); bulk %d docs"
          + " x %d in flight", documents, lineage.size(), alerts.size(), metrics.size(), tuned(l).bulkMaxOperations(),
          tuned(l).bulkConcurrentRequests());
      line(report, "mean: plain _bulk %.0f docs/s, indexer %.0f docs/s (ratio %.2f), steady %.0f docs/s"
          + " (ratio %.2f); target >= 0.8", plain, indexerRate, indexerRate / plain, steady, steady / plain);

      Path tokens = Files.createTempDirectory("bench-tokens");
      TokenStore store = TokenStore.open(TokenStore.defaultFile(tokens));
      String token = store.create(AccessRole.OVERSIGHT, "bench").token();
      try (ApiServer api = ApiServer.start(l.config(), new ApiServer.Endpoints(l.stack.kafkaBootstrap(),
          l.stack.registryUrl(), l.elasticsearchUrl), store, l.sources.alerts(), Clock.systemUTC())) {
        String range = "from=2025-01-01&to=2026-01-01";
        for (String q : List.of(
            "/api/v1/flows?groupBy=force,month&" + range,
            "/api/v1/flows?groupBy=recipient,channel,offence&" + range,
            "/api/v1/flows?groupBy=force&recipient=IMMIGRATION_ENFORCEMENT&" + range,
            "/api/v1/delays?groupBy=force&" + range,
            "/api/v1/delays?groupBy=offence,phase&" + range)) {
          double[] ms = latencies(api.url() + q, token, 200);
          line(report, "%-62s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms", q.replace("&" + range, ""),
              pct(ms, 50), pct(ms, 99), ms[ms.length - 1]);
        }
      }
    }
    line(report, "machine: %d cores; everything (Kafka, registry, Elasticsearch, indexer, API) on it",
        Runtime.getRuntime().availableProcessors());
    Files.writeString(Path.of("target", "indexer-benchmark.txt"), report);
  }

  /** Settings to try, e.g. -Dsafehaven.bench.set=indexer.bulkConcurrentRequests=4 (both sides use them). */
  private static List<String> extraSettings() {
    String set = System.getProperty("safehaven.bench.set", "").trim();
    return set.isEmpty() ? List.of() : List.of(set.split(";"));
  }

  private static org.safehaven.core.config.SafeHavenConfig.Indexer tuned(Landing l) {
    return l.config(extraSettings().toArray(String[]::new)).indexer();
  }

  private static void line(StringBuilder report, String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println("[indexer benchmark] " + s);
    report.append(s).append('\n');
  }

  /** The documents as NDJSON _bulk requests with the JDK client, n at a time; docs/s. */
  private static double plainBulk(String url, List<IndexDocument> docs, int batch, int concurrency) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < docs.size(); i += batch) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (IndexDocument d : docs.subList(i, Math.min(docs.size(), i + batch))) {
        String action = "{\"index\":{\"_index\":\"" + d.index() + "\",\"_id\":\"" + d.id() + "\""
            + (d.versioned() ? ",\"version\":" + d.externalVersion() + ",\"version_type\":\"external\"" : "") + "}}\n";
        out.write(action.getBytes(StandardCharsets.UTF_8));
        out.write(d.source());
        out.write('\n');
      }
      bodies.add(out.toByteArray());
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long t0 = System.nanoTime();
    // Like any client that must know its documents are stored, it reads each answer and checks that
    // Elasticsearch reported no item error (without building objects from the answer).
    List<Future<String>> done = new ArrayList<>();
    for (byte[] body : bodies) {
      done.add(pool.submit(() -> {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/_bulk"))
            .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        String head = r.body().substring(0, Math.min(200, r.body().length()));
        return r.statusCode() + (head.contains("\"errors\":false") ? " ok" : " errors");
      }));
    }
    for (Future<String> f : done) {
      assertThat(f.get()).isEqualTo("200 ok");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    return docs.size() / seconds;
  }

  private static double[] latencies(String url, String token, int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    for (int i = 0; i < 10; i++) {
      http.send(req, HttpResponse.BodyHandlers.discarding());
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      ms[i] = (System.nanoTime() - t) / 1e6;
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static <E> E pick(Random rnd, E[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private static String force(Random rnd) {
    // Skewed like the real volumes: the largest forces get most of the flows.
    int i = (int) Math.min(ForceId.SLUGS.size() - 1, Math.abs(rnd.nextGaussian()) * 12);
    return ForceId.SLUGS.get((i * 7 + 25) % ForceId.SLUGS.size());
  }

  private static List<LineageRecord> lineage(Random rnd) {
    List<LineageRecord> out = new ArrayList<>(LINEAGE);
    for (int i = 0; i < LINEAGE; i++) {
      String f = force(rnd);
      Instant at = YEAR.plusSeconds((long) (rnd.nextDouble() * YEAR_SECONDS));
      List<RoleHeld> roles = rnd.nextInt(3) == 0
          ? List.of(Samples.victim("R-" + rnd.nextInt(50_000), f, pick(rnd, Offence.values()), at.minusSeconds(86_400L * rnd.nextInt(700))))
          : List.of();
      out.add(rnd.nextInt(4) == 0
          ? Samples.pncCheck("bq-" + i, f, "bp-" + rnd.nextInt(80_000), at, null, PncReason.IMMIGRATION_STATUS, roles)
          : Samples.disclosure("bd-" + i, f, "bp-" + rnd.nextInt(80_000), at, null, pick(rnd, Recipient.values()),
              pick(rnd, Channel.values()), roles));
    }
    return out;
  }

  private static List<Alert> alerts(Random rnd) {
    List<Alert> out = new ArrayList<>(ALERTS);
    for (int i = 0; i < ALERTS; i++) {
      Rule rule = i % 2 == 0 ? Rule.DELAYED_SHARING : pick(rnd, new Rule[] {Rule.PNC_IMMIGRATION_CHECK, Rule.SHARED_AT_REPORT});
      Instant at = YEAR.plusSeconds((long) (rnd.nextDouble() * YEAR_SECONDS));
      boolean delayed = rule == Rule.DELAYED_SHARING;
      out.add(Samples.alert(rule, pick(rnd, Severity.values()), force(rnd), "ba-" + i, "bp-" + rnd.nextInt(80_000),
          "R-" + rnd.nextInt(50_000), at, delayed ? (long) (72 + rnd.nextDouble() * rnd.nextDouble() * 4000) : null,
          delayed ? pick(rnd, Phase.values()) : null, pick(rnd, Offence.values())));
    }
    return out;
  }

  private static List<ForceDayMetrics> metrics(Random rnd) {
    List<ForceDayMetrics> out = new ArrayList<>();
    for (String f : ForceId.SLUGS) {
      for (int d = 0; d < 365; d++) {
        out.add(Samples.metrics(f, LocalDate.of(2025, 1, 1).plusDays(d), 100 + rnd.nextInt(900), rnd.nextInt(20),
            rnd.nextInt(5)));
      }
    }
    return out;
  }
}
