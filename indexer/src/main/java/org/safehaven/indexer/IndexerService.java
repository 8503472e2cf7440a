package org.safehaven.indexer;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.pipeline.IndexerLoop;
import org.safehaven.indexer.pipeline.IndexerStats;
import org.safehaven.indexer.pipeline.Sources;
import org.safehaven.indexer.template.IndexTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where results land: the indexer as a running service. It installs the index templates (explicit,
 * strict mappings), creates the indices, and runs one consumer thread that copies alerts, lineage
 * records, daily metrics, crime reports and case statuses into Elasticsearch through a BulkIngester
 * (see {@link IndexerLoop} for the delivery contract: offsets committed after acknowledgement, back-off
 * while Elasticsearch is down, dead letters for documents refused for good).
 *
 * <p>{@code ./safehaven up} starts it with
 * {@code IndexerService.start(new IndexerService.Endpoints(info.kafkaBootstrap(), info.registryUrl(),
 * info.elasticsearchUrl()), config.indexer())} and closes it on the way down.
 */
public final class IndexerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexerService.class);

  /** Where the indexer finds Kafka, the registry and Elasticsearch. */
  public record Endpoints(String kafkaBootstrap, String registryUrl, String elasticsearchUrl) {
    public Endpoints {
      Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
      Objects.requireNonNull(registryUrl, "registryUrl");
      Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
    }
  }

  private final ElasticsearchClients es;
  private final SchemaRegistryClient registry;
  private final IndexerLoop loop;
  private final Thread thread;
  private final IndexNames indices;

  private IndexerService(ElasticsearchClients es, SchemaRegistryClient registry, IndexerLoop loop, Thread thread,
                         IndexNames indices) {
    this.es = es;
    this.registry = registry;
    this.loop = loop;
    this.thread = thread;
    this.indices = indices;
  }

  /** Starts the indexer on the platform's topics. */
  public static IndexerService start(Endpoints endpoints, SafeHavenConfig.Indexer settings) {
    return start(endpoints, settings, Sources.PLATFORM);
  }

  /**
   * Starts the indexer on the given topics (tests and the benchmark use topics of their own).
   *
   * @throws IndexerStartException when the templates cannot be installed (Elasticsearch unreachable, or a
   *                               mapping conflicts with an existing index)
   */
  public static IndexerService start(Endpoints endpoints, SafeHavenConfig.Indexer settings, Sources sources) {
    IndexNames indices = new IndexNames(settings.indexPrefix());
    ElasticsearchClients es = ElasticsearchClients.connect(endpoints.elasticsearchUrl());
    SchemaRegistryClient registry = null;
    try {
      IndexTemplates.install(es.client(), indices);
      registry = new HttpSchemaRegistryClient(endpoints.registryUrl());
      IndexerLoop loop = new IndexerLoop(endpoints.kafkaBootstrap(), registry, es.client(), new Documents(indices),
          sources, settings, Clock.systemUTC());
      Thread thread = new Thread(loop, "safehaven-indexer");
      thread.setDaemon(true);
      thread.start();
      LOG.info("indexer started: {} -> {} ({})", sources.inputs(), endpoints.elasticsearchUrl(), indices.all());
      return new IndexerService(es, registry, loop, thread, indices);
    } catch (IOException | RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      es.close();
      throw new IndexerStartException("the indexer could not prepare Elasticsearch at "
          + endpoints.elasticsearchUrl() + ": " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException ee && ee.error() != null) {
      return ee.error().type() + " (" + ee.status() + ")";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  public IndexNames indices() {
    return indices;
  }

  public IndexerStats stats() {
    return loop.stats();
  }

  public boolean running() {
    return thread.isAlive();
  }

  /** Stops consuming, gives outstanding documents a bounded time to be stored, commits, and releases all. */
  @Override
  public void close() {
    loop.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(90));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    registry.close();
    es.close();
  }
}
