package org.safehaven.indexer.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.document.IndexDocument;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's one consumer thread: reads the input topics, hands each record's document to a
 * {@link BulkIngester}, and commits offsets as Elasticsearch acknowledges documents.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Nothing is committed before it is stored.</b> Every record read is tracked in an
 *       {@link OffsetTracker} until its document is acknowledged (or its dead letter written); a commit
 *       takes each partition's lowest outstanding offset. A crash or a restart therefore re-reads at most
 *       what was not yet confirmed, and stable document ids make re-reading harmless.</li>
 *   <li><b>Elasticsearch down or overloaded loses nothing.</b> A failed bulk request (no connection,
 *       timeout, 5xx) and every item answered 429 or 5xx go to a retry queue; consumption pauses while
 *       anything waits there (or while too much is outstanding), and the queue is resent after an
 *       exponential back-off until Elasticsearch takes it. The ingester's own 429 retry is not used: it
 *       covers 429 items only, not failed requests, and one retry path keeps the offset accounting in one
 *       place. The consumer keeps polling while paused, so it stays in its group however long the
 *       outage.</li>
 *   <li><b>A document refused for good goes to the dead letters, alone.</b> An item Elasticsearch
 *       rejects with a 4xx (a mapping violation, an immense term) is written to the dead-letter topic
 *       with the sanitised reason; the other items of the same bulk request are stored normally. A record
 *       of several documents (an alert and its history entry) has one dead letter at most. A whole
 *       request refused with a 4xx is replayed one document at a time to find the bad ones
 *       (Debezium's isolation). Undecodable records (poison pills) are dead-lettered too; a registry that
 *       cannot be reached is a retry, not a poison pill.</li>
 *   <li><b>Versioned documents keep their highest version.</b> An alert's revision and a daily metric's
 *       offset are external versions: a lower or equal one arriving later is answered 409, which counts as
 *       done (already indexed), never as a failure or a dead letter.</li>
 *   <li>Transactional producers upstream (Streams, Flink) mean {@code read_committed}: aborted alerts are
 *       never indexed.</li>
 * </ul>
 */
public final class IndexerLoop implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexerLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long COMMIT_EVERY_MILLIS = 500;
  private static final long REVOKE_WAIT_MILLIS = 10_000;
  private static final long CLOSE_WAIT_MILLIS = 15_000;

  /**
   * One document on its way to Elasticsearch: where its record came from, the document, and what is still
   * outstanding of the record (an alert record has two documents: the alert and its revision's history entry).
   */
  record Pending(TopicPartition tp, long offset, IndexDocument doc, Outstanding record) {}

  /**
   * What one record still waits for. Its offset is acknowledged once every document of it is settled
   * (stored, already newer, or refused for good); a record has at most one dead letter, however many of its
   * documents Elasticsearch refuses, so replaying a dead letter replays the record once.
   */
  static final class Outstanding {
    private final AtomicInteger documents;
    private final AtomicBoolean letterClaimed = new AtomicBoolean();

    Outstanding(int documents) {
      this.documents = new AtomicInteger(documents);
    }

    /** True for the first refused document of the record only: it writes the record's dead letter. */
    boolean claimLetter() {
      return letterClaimed.compareAndSet(false, true);
    }

    /** One document settled (stored, already newer, or refused); true when it was the record's last. */
    boolean settled() {
      return documents.decrementAndGet() == 0;
    }

    /** Whether a document of the record was refused: every refused document claims the letter first. */
    boolean refused() {
      return letterClaimed.get();
    }
  }

  /** A dead letter that could not be written yet, the record it stands for, and what to do once written. */
  private record Letter(TopicPartition tp, long offset, DeadLetter letter, Runnable onWritten) {}

  @FunctionalInterface
  private interface Mapper {
    List<IndexDocument> map(ConsumerRecord<String, byte[]> r);
  }

  /** The registry could not be asked: not the record's fault; read it again after a back-off. */
  private static final class TransientDecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransientDecodeFailure(SerdeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final ElasticsearchClient client;
  private final KafkaConsumer<String, byte[]> consumer;
  private final BulkIngester<Pending> ingester;
  private final DeadLetterWriter deadLetters;
  private final Sources sources;
  private final Map<String, Mapper> mappers = new HashMap<>();
  private final OffsetTracker tracker = new OffsetTracker();
  private final Backoff backoff;
  private final int maxPending;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Pending> retries = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Pending> isolate = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Letter> unsentLetters = new ConcurrentLinkedQueue<>();
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
  private volatile boolean running = true;
  private volatile boolean stopped;
  private long lastCommit;

  public IndexerLoop(String kafkaBootstrap, SchemaRegistryClient registry, ElasticsearchClient client,
                     Documents documents, Sources sources, SafeHavenConfig.Indexer settings, Clock clock) {
    this.client = client;
    this.sources = sources;
    this.clock = clock;
    this.maxPending = settings.maxPendingDocuments();
    this.backoff = new Backoff(settings.retryInitialMs(), settings.retryMaxMs());
    addMapper(sources.alerts(), registry, Alert.class, (r, v) -> documents.alertDocuments(v));
    addMapper(sources.lineage(), registry, LineageRecord.class, (r, v) -> List.of(documents.lineage(v)));
    addMapper(sources.metrics(), registry, ForceDayMetrics.class,
        (r, v) -> List.of(documents.metrics(v, r.offset())));
    addMapper(sources.crimeReports(), registry, CrimeReported.class, (r, v) -> List.of(documents.report(v)));
    addMapper(sources.caseStatus(), registry, CaseStatus.class, (r, v) -> List.of(documents.caseStatus(v)));
    this.deadLetters = new DeadLetterWriter(kafkaBootstrap, registry, sources.deadLetters());
    this.consumer = new KafkaConsumer<>(consumerProperties(kafkaBootstrap, settings), new StringDeserializer(),
        new ByteArrayDeserializer());
    this.ingester = BulkIngester.of(b -> b.client(client)
        .maxOperations(settings.bulkMaxOperations())
        .maxSize(settings.bulkMaxBytes())
        .maxConcurrentRequests(settings.bulkConcurrentRequests())
        .flushInterval(settings.flushIntervalMs(), TimeUnit.MILLISECONDS)
        .listener(new Listener()));
  }

  static Properties consumerProperties(String bootstrap, SafeHavenConfig.Indexer settings) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "safehaven-indexer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, settings.bulkMaxOperations()));
    return p;
  }

  private <T extends org.apache.avro.specific.SpecificRecord> void addMapper(
      String topic, SchemaRegistryClient registry, Class<T> type,
      java.util.function.BiFunction<ConsumerRecord<String, byte[]>, T, List<IndexDocument>> toDocument) {
    ConfluentAvroCodec<T> codec = ConfluentAvroCodec.of(registry, type);
    mappers.put(topic, r -> {
      T value = codec.decode(r.topic(), r.partition(), r.offset(), r.value());
      return toDocument.apply(r, value);
    });
  }

  public IndexerStats stats() {
    return new IndexerStats(read.get(), indexed.get(), retried.get(), deadLettered.get(), tracker.pending(),
        lastFailure.get());
  }

  // ---------------------------------------------------------------- the loop

  @Override
  public void run() {
    try {
      consumer.subscribe(sources.inputs(), new Rebalance());
      while (running) {
        long now = clock.millis();
        resendDue(now);
        holdOrRelease(now);
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          break;
        }
        for (TopicPartition tp : records.partitions()) {
          for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
            try {
              handle(tp, r);
            } catch (TransientDecodeFailure e) {
              // Read this partition again from here once the registry answers.
              consumer.seek(tp, r.offset());
              noteFailure("the schema registry could not be reached: " + e.getMessage());
              backoff.failed(clock.millis());
              break;
            }
          }
        }
        commitIfDue(false);
      }
    } catch (RuntimeException e) {
      LOG.error("the indexer stopped: {}", e.getClass().getName() + ": " + e.getMessage());
      throw e;
    } finally {
      shutDown();
    }
  }

  private void handle(TopicPartition tp, ConsumerRecord<String, byte[]> r) {
    read.incrementAndGet();
    if (r.value() == null) {
      tracker.skip(tp, r.offset());
      return;
    }
    Mapper mapper = mappers.get(r.topic());
    List<IndexDocument> docs;
    try {
      docs = mapper.map(r);
    } catch (SerdeException e) {
      if (!e.kind().badInput()) {
        read.decrementAndGet();
        throw new TransientDecodeFailure(e);
      }
      tracker.track(tp, r.offset());
      writeDeadLetter(tp, r.offset(), DeadLetters.undecodable(e, tp, r.offset(), r.value().length, clock.instant()),
          () -> tracker.ack(tp, r.offset()));
      return;
    } catch (RuntimeException e) {
      tracker.track(tp, r.offset());
      writeDeadLetter(tp, r.offset(), DeadLetters.unmappable(e, tp, r.offset(), clock.instant()),
          () -> tracker.ack(tp, r.offset()));
      return;
    }
    tracker.track(tp, r.offset());
    Outstanding record = new Outstanding(docs.size());
    for (IndexDocument doc : docs) {
      ingester.add(operation(doc), new Pending(tp, r.offset(), doc, record));
    }
  }

  /**
   * The bulk operation of a document: an index (create or overwrite) by its stable id; with an external
   * version when the document has one, so Elasticsearch keeps the highest version whatever the order.
   */
  static BulkOperation operation(IndexDocument d) {
    BinaryData source = BinaryData.of(d.source(), ContentType.APPLICATION_JSON);
    return BulkOperation.of(b -> b.index(i -> {
      i.index(d.index()).id(d.id()).document(source);
      if (d.versioned()) {
        i.version(d.externalVersion()).versionType(VersionType.External);
      }
      return i;
    }));
  }

  /** Pauses consumption while Elasticsearch is failing or too much is outstanding; resumes after. */
  private void holdOrRelease(long now) {
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      return;
    }
    boolean hold = tracker.pending() >= maxPending || !retries.isEmpty() || !isolate.isEmpty()
        || !unsentLetters.isEmpty() || !backoff.ready(now);
    if (hold) {
      consumer.pause(assigned);
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  /** Sends again what failed, once the back-off allows. */
  private void resendDue(long now) {
    if (!backoff.ready(now)) {
      return;
    }
    Pending p;
    while ((p = isolate.poll()) != null) {
      if (tracker.isPending(p.tp(), p.offset())) {
        sendAlone(p);
      }
    }
    List<Pending> again = new ArrayList<>();
    while ((p = retries.poll()) != null) {
      again.add(p);
    }
    for (Pending q : again) {
      if (tracker.isPending(q.tp(), q.offset())) {
        retried.incrementAndGet();
        ingester.add(operation(q.doc()), q);
      }
    }
    Letter l;
    List<Letter> letters = new ArrayList<>();
    while ((l = unsentLetters.poll()) != null) {
      letters.add(l);
    }
    for (Letter x : letters) {
      if (tracker.isPending(x.tp(), x.offset())) {
        writeDeadLetter(x.tp(), x.offset(), x.letter(), x.onWritten());
      }
    }
  }

  /** One document in a request of its own, to tell a bad document from a bad neighbour. */
  private void sendAlone(Pending p) {
    try {
      BulkResponse response = client.bulk(BulkRequest.of(b -> b.operations(operation(p.doc()))));
      settle(p, response.items().get(0));
    } catch (ElasticsearchException e) {
      refusedWhole(List.of(p), e.status(), e.error());
    } catch (TransportException e) {
      refusedWhole(List.of(p), e.statusCode(), null);
    } catch (org.elasticsearch.client.ResponseException e) {
      refusedWhole(List.of(p), e.getResponse().getStatusLine().getStatusCode(), null);
    } catch (Exception e) {
      retryLater(List.of(p), e);
    }
  }

  private void commitIfDue(boolean force) {
    long now = clock.millis();
    if (!force && now - lastCommit < COMMIT_EVERY_MILLIS) {
      return;
    }
    lastCommit = now;
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    offsets.keySet().retainAll(consumer.assignment());
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      tracker.committed(offsets);
    } catch (WakeupException e) {
      running = false;
    } catch (RuntimeException e) {
      // A rebalance took the partitions meanwhile: the next owner starts from the last commit.
      LOG.warn("committing indexer offsets failed ({}); they are committed again later", e.getClass().getName());
    }
  }

  // ---------------------------------------------------------------- outcomes (bulk listener threads)

  private final class Listener implements BulkListener<Pending> {
    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {}

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < contexts.size(); i++) {
        settle(contexts.get(i), items.get(i));
      }
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable thrown) {
      Throwable failure = thrown;
      while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
        failure = failure.getCause();
      }
      if (failure instanceof ElasticsearchException e) {
        refusedWhole(contexts, e.status(), e.error());
      } else if (failure instanceof TransportException e) {
        refusedWhole(contexts, e.statusCode(), null);
      } else if (failure instanceof org.elasticsearch.client.ResponseException e) {
        // The low-level client's answer for a whole request refused (e.g. 429 when the coordinating
        // node's write queue is full).
        refusedWhole(contexts, e.getResponse().getStatusLine().getStatusCode(), null);
      } else {
        retryLater(contexts, failure);
      }
    }
  }

  private void settle(Pending p, BulkResponseItem item) {
    ErrorCause error = item.error();
    switch (ItemOutcome.of(item.status(), error == null ? null : error.type(), p.doc().versioned())) {
      case DONE -> {
        backoff.succeeded();
        settled(p);
      }
      case RETRY -> {
        noteFailure("Elasticsearch answered " + item.status() + " (" + (error == null ? "no reason" : error.type())
            + ")");
        retries.add(p);
        backoff.failed(clock.millis());
      }
      case REJECT -> reject(p, error);
    }
  }

  /** A whole request failed with a status: 429/5xx is a retry; another 4xx, an isolation replay. */
  private void refusedWhole(List<Pending> contexts, int status, ErrorCause error) {
    if (ItemOutcome.of(status, "request", false) == ItemOutcome.RETRY) {
      noteFailure("Elasticsearch answered " + status + " to a whole bulk request");
      retries.addAll(contexts);
      backoff.failed(clock.millis());
    } else if (contexts.size() == 1) {
      reject(contexts.get(0), error);
    } else {
      isolate.addAll(contexts);
    }
  }

  private void retryLater(List<Pending> contexts, Throwable failure) {
    noteFailure("Elasticsearch could not be reached or failed (" + failure.getClass().getSimpleName() + ")");
    retries.addAll(contexts);
    backoff.failed(clock.millis());
  }

  /** One document of a record is settled; the record's offset is acknowledged with its last document. */
  private void settled(Pending p) {
    if (p.record().settled()) {
      tracker.ack(p.tp(), p.offset());
      if (!p.record().refused()) {
        indexed.incrementAndGet();
      }
    }
  }

  private void reject(Pending p, ErrorCause error) {
    if (!p.record().claimLetter()) {
      // Another document of the same record already wrote (or is writing) the record's dead letter.
      settled(p);
      return;
    }
    String rule = error == null || error.type() == null ? "rejected" : error.type();
    String reason = RejectionReasons.sanitize(rule, error == null ? null : error.reason());
    if (error != null && error.causedBy() != null) {
      reason += " (caused by " + RejectionReasons.sanitize(error.causedBy().type(), error.causedBy().reason()) + ")";
    }
    LOG.warn("Elasticsearch refused a document of {} (topic {} partition {} offset {}): {}", p.doc().index(),
        p.tp().topic(), p.tp().partition(), p.offset(), reason);
    writeDeadLetter(p.tp(), p.offset(), DeadLetters.rejected(p.doc(), p.tp(), p.offset(), rule, reason,
        clock.instant()), () -> settled(p));
  }

  /** @param onWritten what the record still needs once its letter is on the topic (its acknowledgement) */
  private void writeDeadLetter(TopicPartition tp, long offset, DeadLetter letter, Runnable onWritten) {
    deadLetters.send(letter, () -> {
      deadLettered.incrementAndGet();
      onWritten.run();
    }, e -> {
      noteFailure("a dead letter could not be written (" + e.getClass().getSimpleName() + ")");
      unsentLetters.add(new Letter(tp, offset, letter, onWritten));
      backoff.failed(clock.millis());
    });
  }

  private void noteFailure(String what) {
    String previous = lastFailure.getAndSet(what);
    long now = System.nanoTime();
    long last = lastFailureLogged.get();
    // One line per kind of failure, and during a long outage one line every 30 s at most.
    if ((!what.equals(previous) && now - last > TimeUnit.SECONDS.toNanos(5)) || now - last > TimeUnit.SECONDS.toNanos(30)) {
      lastFailureLogged.set(now);
      LOG.warn("indexer: {}; holding consumption and retrying with back-off ({} documents waiting)", what,
          tracker.pending());
    }
  }

  // ---------------------------------------------------------------- rebalance and shutdown

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      ingester.flush();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REVOKE_WAIT_MILLIS);
      while (tracker.pending(partitions) > 0 && System.nanoTime() < deadline) {
        resendDue(clock.millis());
        sleep(50);
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(partitions);
      if (!offsets.isEmpty()) {
        try {
          consumer.commitSync(offsets);
        } catch (RuntimeException e) {
          LOG.warn("committing revoked partitions failed ({})", e.getClass().getName());
        }
      }
      tracker.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      tracker.forget(partitions);
    }
  }

  /** Gives what was read a bounded time to be stored, commits what was, and releases everything. */
  private void shutDown() {
    try {
      ingester.flush();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
      while (tracker.pending() > 0 && System.nanoTime() < deadline) {
        resendDue(clock.millis());
        sleep(50);
      }
      commitIfDue(true);
    } catch (RuntimeException e) {
      LOG.warn("the indexer's last commit failed ({})", e.getClass().getName());
    } finally {
      // The consumer first: closing it revokes its partitions, and the rebalance listener still needs the
      // ingester to flush what is left.
      closeQuietly(consumer);
      closeQuietly(ingester);
      closeQuietly(deadLetters);
      stopped = true;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} failed", c.getClass().getSimpleName(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean stopped() {
    return stopped;
  }

  /** Asks the loop to stop; the thread running it finishes the shutdown. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
