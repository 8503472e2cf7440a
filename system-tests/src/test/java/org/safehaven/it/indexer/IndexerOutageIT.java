package org.safehaven.it.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexerService;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.RuntimeLayout;
import org.safehaven.runtime.process.ChildProcess;
import org.safehaven.runtime.process.Ports;
import org.safehaven.runtime.service.ElasticsearchNode;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Channel;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Recipient;

/**
 * The indexer while Elasticsearch is overloaded (answering 429) and while it is down. These tests need an
 * Elasticsearch they may stop, so they start a second, private node from the distribution the runtime
 * unpacked, through the runtime's own launcher ({@link ElasticsearchNode}: unprivileged user when root,
 * a process group that cannot outlive the test JVM). Its write thread pool is cut to one thread with a
 * queue of two, so concurrent bulk requests really are refused with 429.
 */
class IndexerOutageIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static ElasticsearchNode.Plan plan;
  private static ChildProcess node;
  private static Path dir;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void privateElasticsearch() throws IOException {
    SharedStack.get();
    RuntimeLayout layout = RuntimeLayout.fromBuild();
    // Beside the shared stack's own data: a place its unprivileged Elasticsearch user can already reach.
    dir = SharedStack.running().dataDir().resolve("es-outage-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectories(dir);
    int http = Ports.free();
    int transport = Ports.free();
    plan = new ElasticsearchNode.Plan(dir.resolve("node"), http, transport, 384,
        ElasticsearchNode.runAs(SharedStack.config().elasticsearch().runAsUser()));
    copyTree(layout.elasticsearchHome().resolve("config"), plan.config());
    Files.writeString(plan.config().resolve("elasticsearch.yml"),
        "\nthread_pool.write.size: 1\nthread_pool.write.queue_size: 2\n", StandardOpenOption.APPEND);
    node = start();
  }

  private static ChildProcess start() {
    ChildProcess p = ElasticsearchNode.start(RuntimeLayout.fromBuild(), plan, dir, Duration.ofSeconds(15));
    await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!p.isAlive()) {
        throw new AssertionError("the private Elasticsearch exited; see " + p.logFile());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(plan.url()
            + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    return p;
  }

  @AfterAll
  static void stop() throws IOException {
    if (node != null) {
      node.stop();
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anOverloadedElasticsearchAnswering429LosesNothing() {
    try (Landing l = new Landing(SharedStack.get(), plan.url())) {
      List<Alert> alerts = Samples.alerts("kent", 3000, T0);
      List<LineageRecord> flows = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        flows.add(Samples.disclosure("o-" + i, "kent", "p" + i, T0.plusSeconds(i), null,
            Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, List.of()));
      }
      l.send(l.sources.alerts(), alerts, Alert::getForce);
      l.send(l.sources.lineage(), flows, LineageRecord::getPersonRef);
      try (IndexerService indexer = IndexerService.start(new IndexerService.Endpoints(l.stack.kafkaBootstrap(),
          l.stack.registryUrl(), plan.url()), l.config("indexer.bulkConcurrentRequests=4",
          "indexer.bulkMaxOperations=250").indexer(), l.sources)) {
        await().atMost(WAIT).until(() -> l.lag() == 0);
        assertThat(l.count(l.indices.alerts())).isEqualTo(3000);
        assertThat(l.count(l.indices.lineage())).isEqualTo(3000);
        assertThat(indexer.stats().deadLettered()).isZero();
        assertThat(indexer.stats().retried()).as("Elasticsearch refused some writes with 429 (last failure: %s)",
            indexer.stats().lastFailure()).isPositive();
        assertThat(indexer.stats().lastFailure()).contains("429");
      }
    }
  }

  @Test
  void stoppingElasticsearchWhileTheIndexerRunsLosesNothing() {
    try (Landing l = new Landing(SharedStack.get(), plan.url())) {
      List<Alert> before = Samples.alerts("essex", 2000, T0);
      l.send(l.sources.alerts(), before, Alert::getForce);
      try (IndexerService indexer = l.startIndexer()) {
        await().atMost(WAIT).until(() -> indexer.stats().indexed() > 0);
        node.stop();
        node = null;
        List<Alert> during = Samples.alerts("essex", 2000, T0.plusSeconds(3600L * 2000));
        l.send(l.sources.alerts(), during, Alert::getForce);
        await().atMost(WAIT).until(() -> indexer.stats().lastFailure() != null
            && indexer.stats().lastFailure().contains("could not be reached"));
        assertThat(l.lag()).as("nothing is committed while Elasticsearch is down").isPositive();
        assertThat(indexer.running()).isTrue();
        node = start();
        await().atMost(WAIT).until(() -> l.lag() == 0);
        assertThat(l.count(l.indices.alerts())).isEqualTo(4000);
        assertThat(indexer.stats().deadLettered()).isZero();
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
