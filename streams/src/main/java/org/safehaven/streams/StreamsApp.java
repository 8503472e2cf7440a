package org.safehaven.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.policy.Policy;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.PersonRoles;
import org.safehaven.streams.errors.DeadLetterHandler;
import org.safehaven.streams.state.BoundedRocksDbConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams application: IO at the edges around {@link AlertsTopology}. {@link #start} loads
 * the policy (a bad policy file stops start-up with its {@code PolicyException} message), checks that the
 * topics exist and are co-partitioned, builds the topology with the registry serdes, and starts it with
 * exactly_once_v2. {@code ./safehaven up} calls {@code StreamsApp.start(config, stack.kafkaBootstrap(),
 * stack.registryUrl())} and closes it on exit.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final SchemaRegistryClient registry;
  private final Policy policy;
  private final String policySource;

  private StreamsApp(KafkaStreams streams, SchemaRegistryClient registry, Policy policy, String policySource) {
    this.streams = streams;
    this.registry = registry;
    this.policy = policy;
    this.policySource = policySource;
  }

  /**
   * Starts the application against a running stack and returns at once (the threads start in the
   * background; see {@link #awaitRunning}).
   *
   * @throws StreamsStartException when the policy, the topics or the configuration cannot be used
   * @throws org.safehaven.core.policy.PolicyException when the policy file is bad
   */
  public static StreamsApp start(SafeHavenConfig config, String kafkaBootstrap, String registryUrl) {
    return start(config, kafkaBootstrap, registryUrl, TopicNames.PLATFORM);
  }

  /** {@link #start(SafeHavenConfig, String, String)} on the given topics instead of the platform's. */
  public static StreamsApp start(SafeHavenConfig config, String kafkaBootstrap, String registryUrl, TopicNames topics) {
    SafeHavenConfig.Streams s = config.streams();
    PolicyLoader.Loaded loaded = PolicyLoader.resolve(s.policyFile().isEmpty() ? null : Path.of(s.policyFile()));
    int personPartitions = checkTopics(kafkaBootstrap, topics);
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl);
    TopologySerdes serdes = TopologySerdes.registry(registry);
    Topology topology = AlertsTopology.build(loaded.policy(), serdes, personPartitions,
        AlertsTopology.StateKind.PERSISTENT, topics);
    Properties props = properties(config, kafkaBootstrap, serdes);
    props.put(DeadLetterHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters());
    KafkaStreams streams = new KafkaStreams(topology, props);
    // A thread that dies (e.g. the registry was unreachable, so a record could not be decoded and must not be
    // skipped) is replaced: it resumes from the last committed offsets once the cause has gone.
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("a stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    LOG.info("Kafka Streams application {} started: policy {} (version {}), {} person partitions, state in {}",
        s.applicationId(), loaded.source(), loaded.policy().version(), personPartitions,
        props.getProperty(StreamsConfig.STATE_DIR_CONFIG));
    return new StreamsApp(streams, registry, loaded.policy(), loaded.source());
  }

  /**
   * The Streams configuration: exactly_once_v2, event-time extraction on every source, dead letters for
   * undecodable input, internal topics with the platform's replication factor. Pure.
   */
  static Properties properties(SafeHavenConfig config, String kafkaBootstrap, TopologySerdes serdes) {
    SafeHavenConfig.Streams s = config.streams();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.statePath(config.dataDir()).toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitIntervalMs());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, s.cacheMaxBytes());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(DeadLetterHandler.DEAD_LETTER_SERIALIZER_CONFIG, serdes.deadLetters().serializer());
    // A crashed instance is noticed within 10 s (the broker's minimum is 6 s), so a restart rebalances quickly.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), s.producerCompression());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), s.producerLingerMs());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), s.producerBatchBytes());
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
    p.put(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, s.rocksDbCacheBytes());
    p.put(BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, s.rocksDbWriteBufferBytes());
    return p;
  }

  /**
   * Checks that the input topics exist and are co-partitioned as the topology needs (crime-reports with
   * case-status; pnc-queries with disclosures) and returns the partition count of the person-keyed topics.
   */
  static int checkTopics(String kafkaBootstrap, TopicNames names) {
    Map<String, Object> conf = new HashMap<>();
    conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(conf)) {
      Map<String, TopicDescription> topics = admin.describeTopics(names.all()).allTopicNames().get(60, TimeUnit.SECONDS);
      Map<String, Integer> partitions = new HashMap<>();
      topics.forEach((name, d) -> partitions.put(name, d.partitions().size()));
      return partitionsOfPersonTopics(names, partitions);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new StreamsStartException("a platform topic is missing on " + kafkaBootstrap
            + ": start the stack (./safehaven up), which creates them");
      }
      throw new StreamsStartException("cannot describe the platform topics on " + kafkaBootstrap + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StreamsStartException("Kafka at " + kafkaBootstrap + " did not answer within 60 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsStartException("interrupted while checking the topics");
    }
  }

  /** The co-partitioning rule on partition counts by topic name. Pure. */
  static int partitionsOfPersonTopics(TopicNames names, Map<String, Integer> partitions) {
    requireSame(partitions, names.crimeReports(), names.caseStatus(), "reportId");
    requireSame(partitions, names.pncQueries(), names.disclosures(), "personRef");
    return partitions.get(names.pncQueries());
  }

  private static void requireSame(Map<String, Integer> partitions, String a, String b, String key) {
    if (!partitions.get(a).equals(partitions.get(b))) {
      throw new StreamsStartException(a + " has " + partitions.get(a) + " partitions but " + b + " has "
          + partitions.get(b) + ": both are keyed by " + key + " and must have the same partition count");
    }
  }

  /** Waits until every stream thread is running (assigned and restored), or throws after the timeout. */
  public StreamsApp awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
          || streams.state() == KafkaStreams.State.PENDING_ERROR) {
        throw new StreamsStartException("the Kafka Streams application stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new StreamsStartException("the Kafka Streams application was not running after " + timeout
            + " (state " + streams.state() + ")");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StreamsStartException("interrupted while waiting for the application");
      }
    }
    return this;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public Policy policy() {
    return policy;
  }

  public String policySource() {
    return policySource;
  }

  /**
   * The roles a person holds, from this instance's local state (interactive query), if this instance hosts
   * the person's partition. The lineage view reads the person-roles table topic; this is the quick local path.
   */
  public Optional<PersonRoles> personRoles(String personRef) {
    ReadOnlyKeyValueStore<String, PersonRoles> store = streams.store(
        StoreQueryParameters.fromNameAndType(StoreNames.PERSON_ROLES, QueryableStoreTypes.keyValueStore()));
    return Optional.ofNullable(store.get(personRef));
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    registry.close();
  }
}
