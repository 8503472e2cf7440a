package org.safehaven.it.indexer;

import org.safehaven.core.topic.TopicReadiness;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.indexer.ElasticsearchClients;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.IndexerService;
import org.safehaven.indexer.pipeline.Sources;
import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;

/**
 * A private landing zone on the shared stack for one test class: its own topics ({@code it-<id>.alerts},
 * ...), its own consumer group and its own indices ({@code it-<id>-alerts}, ...), so it never sees or
 * disturbs anyone else's records. Produces records in the Confluent wire format through the real
 * registry, starts indexers, and counts what reached Elasticsearch.
 */
public final class Landing implements AutoCloseable {

  public final String id;
  public final Sources sources;
  public final IndexNames indices;
  public final StackInfo stack;
  public final String elasticsearchUrl;
  private final SchemaRegistryClient registry;
  private final KafkaProducer<String, byte[]> producer;
  private final ElasticsearchClients es;
  private final Admin admin;
  private final Map<Class<?>, ConfluentAvroCodec<?>> codecs = new HashMap<>();

  /** On the shared stack's Elasticsearch. */
  public static Landing create() {
    StackInfo stack = SharedStack.get();
    return new Landing(stack, stack.elasticsearchUrl());
  }

  /** On the shared stack's Kafka and registry, and the given Elasticsearch. */
  public Landing(StackInfo stack, String elasticsearchUrl) {
    this.id = UUID.randomUUID().toString().substring(0, 8);
    this.stack = stack;
    this.elasticsearchUrl = elasticsearchUrl;
    this.sources = Sources.prefixed("it-" + id);
    this.indices = new IndexNames("it-" + id);
    this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    this.producer = SharedStack.bytesProducer(stack.kafkaBootstrap());
    this.es = ElasticsearchClients.connect(elasticsearchUrl);
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    this.admin = Admin.create(a);
    List<NewTopic> topics = new ArrayList<>();
    for (String t : sources.inputs()) {
      topics.add(new NewTopic(t, 3, (short) 1));
    }
    topics.add(new NewTopic(sources.deadLetters(), 1, (short) 1));
    try {
      admin.createTopics(topics).all().get();
      TopicReadiness.awaitWritable(admin, topics.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(60));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot create the test topics", e);
    }
  }

  /** The indexer settings of the defaults, with this landing's group and index prefix, and quick retries. */
  public SafeHavenConfig.Indexer settings() {
    return config().indexer();
  }

  public SafeHavenConfig config(String... more) {
    List<String> flags = new ArrayList<>(List.of("indexer.groupId=it-" + id, "indexer.indexPrefix=it-" + id,
        "indexer.retryInitialMs=100", "indexer.retryMaxMs=2000", "indexer.flushIntervalMs=50"));
    flags.addAll(List.of(more));
    return new ConfigLoader(Map.of()).load(null, flags);
  }

  public IndexerService startIndexer() {
    return IndexerService.start(new IndexerService.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(),
        elasticsearchUrl), settings(), sources);
  }

  public ElasticsearchClient es() {
    return es.client();
  }

  /** Sends records to a topic (keyed by the given key function) and waits until the broker has them all. */
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> List<RecordMetadata> send(String topic, List<T> records,
                                                              java.util.function.Function<T, String> key) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (T r : records) {
      ConfluentAvroCodec<T> codec = (ConfluentAvroCodec<T>) codecs.computeIfAbsent(r.getClass(),
          c -> ConfluentAvroCodec.of(registry, (Class<T>) c));
      sent.add(producer.send(new ProducerRecord<>(topic, key.apply(r), codec.encode(topic, r))));
    }
    return await(sent);
  }

  /** Sends raw bytes (e.g. a poison pill). */
  public RecordMetadata sendRaw(String topic, String key, byte[] value) {
    return await(List.of(producer.send(new ProducerRecord<>(topic, key, value)))).get(0);
  }

  private List<RecordMetadata> await(List<Future<RecordMetadata>> sent) {
    producer.flush();
    List<RecordMetadata> out = new ArrayList<>();
    try {
      for (Future<RecordMetadata> f : sent) {
        out.add(f.get());
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("producing test records failed", e);
    }
    return out;
  }

  /** Documents in an index, after a refresh (so everything acknowledged is counted). */
  public long count(String index) {
    try {
      es.client().indices().refresh(r -> r.index(index));
      return es.client().count(c -> c.index(index)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records on a topic, decoded, from the beginning to its current end. */
  public <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic, Class<T> type) {
    ConfluentAvroCodec<T> codec = ConfluentAvroCodec.of(registry, type);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, T>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(topic, info.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within 60 s");
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
              codec.decode(r.topic(), r.partition(), r.offset(), r.value())));
        }
      }
    }
    return out;
  }

  /** How far the indexer's group still is from the end of its input topics (0: everything committed). */
  public long lag() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("it-" + id)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String t : sources.inputs()) {
        for (int i = 0; i < 3; i++) {
          latest.put(new TopicPartition(t, i), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
      long lag = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot read the group's offsets", e);
    }
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
    registry.close();
    es.close();
  }
}
