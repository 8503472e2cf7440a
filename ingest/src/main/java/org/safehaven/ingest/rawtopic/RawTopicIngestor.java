package org.safehaven.ingest.rawtopic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.Origin;
import org.safehaven.ingest.pipeline.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw-topic entry: forces that stream produce JSON events, one per record, to
 * {@link Topics#EVENTS_RAW}; this loop sends each record's value through the {@link IngestPipeline}.
 *
 * <p>Contract: at-least-once, nothing lost. Offsets are committed only after every outcome of a poll
 * is durable (canonical record or dead letter acknowledged). When an outcome cannot be written, the
 * consumer seeks back to the first unfinished offset of each partition and retries after a pause;
 * whatever had landed comes back as a duplicate (dedup), so the retry adds nothing twice. A record
 * with no value (a tombstone) is an empty event and is dead-lettered as malformed. Records are
 * processed in partition order; keys are ignored (the event carries its own force).
 */
public final class RawTopicIngestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RawTopicIngestor.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final IngestPipeline pipeline;
  private final IngestCounts counts = new IngestCounts();
  private final Thread thread;
  private volatile boolean running = true;

  public RawTopicIngestor(String bootstrapServers, String groupId, IngestPipeline pipeline) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "safehaven-ingest-raw");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.pipeline = pipeline;
    this.thread = new Thread(this::run, "safehaven-ingest-raw-topic");
    this.thread.setDaemon(true);
  }

  public RawTopicIngestor start() {
    consumer.subscribe(List.of(Topics.EVENTS_RAW.name()));
    thread.start();
    return this;
  }

  /** What this entry has done since start. */
  public IngestCounts.Snapshot counts() {
    return counts.snapshot();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          process(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("raw-topic ingest woken unexpectedly");
      }
    } catch (RuntimeException e) {
      LOG.error("raw-topic ingest stopped ({})", e.getClass().getName());
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void process(ConsumerRecords<byte[], byte[]> records) {
    List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
    List<IngestPipeline.Prepared> prepared = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      byte[] value = r.value() == null ? new byte[0] : r.value();
      counts.read();
      list.add(r);
      prepared.add(pipeline.prepare(value, 0, value.length, Origin.rawTopic(r.topic(), r.partition(), r.offset())));
    }
    // One commit per poll: one dedup lookup for the whole poll, records written in poll order.
    List<CompletableFuture<Outcome>> outcomes = pipeline.commit(prepared);
    pipeline.flush();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    Map<TopicPartition, Long> rewind = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = list.get(i);
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      try {
        Outcome o = outcomes.get(i).join();
        counts.record(o);
        if (!rewind.containsKey(tp)) {
          commit.put(tp, new OffsetAndMetadata(r.offset() + 1));
        }
      } catch (CompletionException e) {
        counts.failed();
        rewind.putIfAbsent(tp, r.offset());
      }
    }
    if (!commit.isEmpty()) {
      consumer.commitSync(commit);
    }
    if (!rewind.isEmpty()) {
      LOG.warn("raw-topic ingest could not write {} partition(s) of outcomes; retrying in {} s",
          rewind.size(), RETRY_PAUSE.toSeconds());
      rewind.forEach(consumer::seek);
      sleep(RETRY_PAUSE);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
