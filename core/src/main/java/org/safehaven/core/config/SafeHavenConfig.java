package org.safehaven.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one typed configuration of every Safe Haven process. Loaded by {@link ConfigLoader} in layers:
 * built-in defaults, then an optional YAML file, then {@code SAFEHAVEN_*} environment variables, then
 * {@code --set key=value} flags. Unknown keys are rejected, so a typo fails at start rather than
 * silently leaving a default in force.
 */
public record SafeHavenConfig(
    @JsonProperty(required = true) Path dataDir,
    @JsonProperty(required = true) Kafka kafka,
    @JsonProperty(required = true) Registry registry,
    @JsonProperty(required = true) Elasticsearch elasticsearch,
    @JsonProperty(required = true) int startupTimeoutSeconds,
    @JsonProperty(required = true) TopicSettings topics,
    @JsonProperty(required = true) Ingest ingest,
    @JsonProperty(required = true) Streams streams,
    @JsonProperty(required = true) Indexer indexer,
    @JsonProperty(required = true) Api api) {

  public SafeHavenConfig {
    require(startupTimeoutSeconds > 0, "startupTimeoutSeconds must be positive");
  }

  /** Kafka: an external cluster when bootstrapServers is set, else the embedded broker on these ports. */
  public record Kafka(String bootstrapServers, int port, int controllerPort, int heapMb) {
    public Kafka {
      bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
      requirePort(port, "kafka.port");
      requirePort(controllerPort, "kafka.controllerPort");
      require(heapMb >= 128, "kafka.heapMb must be at least 128");
      require(port == 0 || port != controllerPort, "kafka.port and kafka.controllerPort must differ");
    }

    public boolean embedded() {
      return bootstrapServers.isEmpty();
    }
  }

  /** The Confluent-compatible schema registry: external when url is set, else embedded Apicurio. */
  public record Registry(String url, int port, int heapMb, String compatibility) {
    public Registry {
      url = url == null ? "" : url.trim();
      requirePort(port, "registry.port");
      require(heapMb >= 128, "registry.heapMb must be at least 128");
      require(compatibility != null && compatibility.matches(
              "NONE|BACKWARD|BACKWARD_TRANSITIVE|FORWARD|FORWARD_TRANSITIVE|FULL|FULL_TRANSITIVE"),
          "registry.compatibility must be one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, "
              + "FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
    }

    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** Elasticsearch: external when url is set, else an embedded single node. */
  public record Elasticsearch(String url, int port, int heapMb, String runAsUser) {
    public Elasticsearch {
      url = url == null ? "" : url.trim();
      requirePort(port, "elasticsearch.port");
      require(heapMb >= 256, "elasticsearch.heapMb must be at least 256");
      require(runAsUser != null && runAsUser.matches("[a-z_][a-z0-9_-]{0,31}"),
          "elasticsearch.runAsUser must be a valid Unix user name");
    }

    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /**
   * Where events enter (files, HTTP, the raw topic). Limits bound what one event or one request may
   * cost; the pseudonymisation key is deliberately not here (it is a secret: file or environment).
   *
   * @param httpHost            address the ingest HTTP endpoint binds to
   * @param httpPort            its port, 0 for a free one
   * @param maxEventBytes       largest accepted event (one JSON line or one array item), in bytes
   * @param maxBodyBytes        largest HTTP request body; larger is answered 413
   * @param maxStringLength     longest JSON string value or field name in an event
   * @param maxNestingDepth     deepest JSON nesting in an event (a crime report needs 3)
   * @param maxPersons          most persons named on one crime report
   * @param futureSkewSeconds   how far in the future an event time may lie (clock skew of sources)
   * @param dedupDir            where the deduplication store lives; empty for DATA/ingest/dedup
   * @param rawTopicGroupId     consumer group of the raw-topic ingestor
   * @param producerLingerMs    producer linger, traded against latency for batching
   * @param producerBatchBytes  producer batch size
   * @param producerCompression producer compression: none, lz4, zstd, snappy or gzip
   */
  public record Ingest(String httpHost, int httpPort, int maxEventBytes, long maxBodyBytes, int maxStringLength,
                       int maxNestingDepth, int maxPersons, long futureSkewSeconds, String dedupDir,
                       String rawTopicGroupId, int producerLingerMs, int producerBatchBytes,
                       String producerCompression) {
    public Ingest {
      require(httpHost != null && !httpHost.isBlank(), "ingest.httpHost must be set");
      requirePort(httpPort, "ingest.httpPort");
      require(maxEventBytes >= 1024, "ingest.maxEventBytes must be at least 1024");
      require(maxBodyBytes >= maxEventBytes, "ingest.maxBodyBytes must be at least ingest.maxEventBytes");
      require(maxStringLength >= 128 && maxStringLength <= maxEventBytes,
          "ingest.maxStringLength must be between 128 and ingest.maxEventBytes");
      require(maxNestingDepth >= 3 && maxNestingDepth <= 64, "ingest.maxNestingDepth must be between 3 and 64");
      require(maxPersons >= 1, "ingest.maxPersons must be at least 1");
      require(futureSkewSeconds >= 0, "ingest.futureSkewSeconds must be 0 or positive");
      dedupDir = dedupDir == null ? "" : dedupDir.trim();
      require(rawTopicGroupId != null && !rawTopicGroupId.isBlank(), "ingest.rawTopicGroupId must be set");
      require(producerLingerMs >= 0, "ingest.producerLingerMs must be 0 or positive");
      require(producerBatchBytes >= 1024, "ingest.producerBatchBytes must be at least 1024");
      require(producerCompression != null && producerCompression.matches("none|lz4|zstd|snappy|gzip"),
          "ingest.producerCompression must be one of none, lz4, zstd, snappy, gzip");
    }

    /** The deduplication store's directory: the configured one, or DATA/ingest/dedup. */
    public Path dedupPath(Path dataDir) {
      return dedupDir.isEmpty() ? dataDir.resolve("ingest").resolve("dedup") : Path.of(dedupDir);
    }
  }

  /**
   * The Kafka Streams application (role tagging, lineage, real-time alerts).
   *
   * @param applicationId      Kafka Streams application id: consumer group, prefix of internal topics
   * @param stateDir           where RocksDB state lives; empty for DATA/streams
   * @param threads            stream threads
   * @param commitIntervalMs   commit (transaction) interval; bounds the latency of alerts under exactly-once
   * @param cacheMaxBytes      record cache of the state stores, shared by all threads
   * @param policyFile         the policy file; empty for the usual search (SAFEHAVEN_POLICY_FILE, then
   *                           policy/safehaven-policy.yml under the working directory, then the built-in copy)
   * @param rocksDbCacheBytes  RocksDB block cache shared by every state store of the process (off-heap)
   * @param rocksDbWriteBufferBytes RocksDB memtables of every store together, charged to the same cache
   * @param producerLingerMs   how long the application's producer waits to fill a batch (outputs, changelogs)
   * @param producerBatchBytes the producer's batch size per partition
   * @param producerCompression the producer's compression.type: none, gzip, snappy, lz4 or zstd
   */
  public record Streams(String applicationId, String stateDir, int threads, int commitIntervalMs, long cacheMaxBytes,
                        String policyFile, long rocksDbCacheBytes, long rocksDbWriteBufferBytes, int producerLingerMs,
                        int producerBatchBytes, String producerCompression) {
    public Streams {
      require(applicationId != null && applicationId.matches("[A-Za-z0-9._-]{1,100}"),
          "streams.applicationId must be 1 to 100 letters, digits, '.', '_' or '-'");
      stateDir = stateDir == null ? "" : stateDir.trim();
      require(threads >= 1 && threads <= 64, "streams.threads must be between 1 and 64");
      require(commitIntervalMs >= 10, "streams.commitIntervalMs must be at least 10");
      require(cacheMaxBytes >= 0, "streams.cacheMaxBytes must be 0 or positive");
      policyFile = policyFile == null ? "" : policyFile.trim();
      require(rocksDbCacheBytes >= (1L << 20), "streams.rocksDbCacheBytes must be at least 1048576 (1 MiB)");
      require(rocksDbWriteBufferBytes >= (1L << 20), "streams.rocksDbWriteBufferBytes must be at least 1048576 (1 MiB)");
      require(producerLingerMs >= 0 && producerLingerMs <= 1000, "streams.producerLingerMs must be between 0 and 1000");
      require(producerBatchBytes >= 1024, "streams.producerBatchBytes must be at least 1024");
      producerCompression = producerCompression == null ? "none" : producerCompression.trim();
      require(java.util.Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(producerCompression),
          "streams.producerCompression must be one of none, gzip, snappy, lz4, zstd");
    }

    /** The state directory: the configured one, or DATA/streams. */
    public Path statePath(Path dataDir) {
      return stateDir.isEmpty() ? dataDir.resolve("streams") : Path.of(stateDir);
    }
  }

  /**
   * Where results land: the indexer copies alerts, lineage, metrics and crime reports from Kafka into
   * Elasticsearch with a BulkIngester, committing offsets only after Elasticsearch acknowledged them.
   *
   * @param groupId                 the indexer's consumer group
   * @param indexPrefix             prefix of every index and index template ({@code PREFIX-alerts}, ...); the
   *                                query API reads the same indices
   * @param bulkMaxOperations       most operations in one bulk request
   * @param bulkMaxBytes            largest bulk request body
   * @param bulkConcurrentRequests  bulk requests in flight at once
   * @param flushIntervalMs         a partly filled bulk request is sent after this long
   * @param maxPendingDocuments     consumption pauses while this many documents await Elasticsearch
   * @param retryInitialMs          first back-off after Elasticsearch failed or answered 429
   * @param retryMaxMs              longest back-off (it doubles up to this)
   */
  public record Indexer(String groupId, String indexPrefix, int bulkMaxOperations, long bulkMaxBytes,
                        int bulkConcurrentRequests, int flushIntervalMs, int maxPendingDocuments,
                        int retryInitialMs, int retryMaxMs) {
    public Indexer {
      require(groupId != null && groupId.matches("[A-Za-z0-9._-]{1,100}"),
          "indexer.groupId must be 1 to 100 letters, digits, '.', '_' or '-'");
      require(indexPrefix != null && indexPrefix.matches("[a-z0-9][a-z0-9_-]{0,49}"),
          "indexer.indexPrefix must be 1 to 50 lowercase letters, digits, '_' or '-', not starting with '_' or '-'");
      require(bulkMaxOperations >= 1, "indexer.bulkMaxOperations must be at least 1");
      require(bulkMaxBytes >= 1024, "indexer.bulkMaxBytes must be at least 1024");
      require(bulkConcurrentRequests >= 1 && bulkConcurrentRequests <= 16,
          "indexer.bulkConcurrentRequests must be between 1 and 16");
      require(flushIntervalMs >= 1, "indexer.flushIntervalMs must be at least 1");
      require(maxPendingDocuments >= bulkMaxOperations,
          "indexer.maxPendingDocuments must be at least indexer.bulkMaxOperations");
      require(retryInitialMs >= 1 && retryMaxMs >= retryInitialMs,
          "indexer.retryInitialMs must be at least 1 and indexer.retryMaxMs at least indexer.retryInitialMs");
    }
  }

  /**
   * The query API ({@code GET /api/v1/...}).
   *
   * @param httpHost     address it binds to
   * @param httpPort     its port, 0 for a free one
   * @param maxPageSize  largest page of alerts or metrics one request may ask for
   * @param maxRangeDays longest time range one request may ask for
   */
  public record Api(String httpHost, int httpPort, int maxPageSize, int maxRangeDays) {
    public Api {
      require(httpHost != null && !httpHost.isBlank(), "api.httpHost must be set");
      requirePort(httpPort, "api.httpPort");
      require(maxPageSize >= 1 && maxPageSize <= 10_000, "api.maxPageSize must be between 1 and 10000");
      require(maxRangeDays >= 1 && maxRangeDays <= 36_600, "api.maxRangeDays must be between 1 and 36600");
    }
  }

  /** Partitions and retention of the platform's topics; overrides are keyed by topic name. */
  public record TopicSettings(int defaultPartitions, long defaultRetentionHours, short replicationFactor,
                              Map<String, TopicOverride> overrides) {
    public TopicSettings {
      require(defaultPartitions >= 1, "topics.defaultPartitions must be at least 1");
      require(defaultRetentionHours >= 0, "topics.defaultRetentionHours must be 0 (forever) or positive");
      require(replicationFactor >= 1, "topics.replicationFactor must be at least 1");
      overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    public int partitions(String topic) {
      TopicOverride o = overrides.get(topic);
      return o != null && o.partitions() != null ? o.partitions() : defaultPartitions;
    }

    /** Retention in hours, 0 meaning forever. */
    public long retentionHours(String topic) {
      TopicOverride o = overrides.get(topic);
      return o != null && o.retentionHours() != null ? o.retentionHours() : defaultRetentionHours;
    }
  }

  public record TopicOverride(Integer partitions, Long retentionHours) {
    public TopicOverride {
      require(partitions == null || partitions >= 1, "topic override partitions must be at least 1");
      require(retentionHours == null || retentionHours >= 0, "topic override retentionHours must be >= 0");
    }
  }

  private static void requirePort(int port, String key) {
    require(port >= 0 && port <= 65535, key + " must be 0 (a free port) or 1-65535");
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }
}
