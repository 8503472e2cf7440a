package org.safehaven.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.api.query.AlertView;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.document.Documents;
import org.safehaven.schema.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live alerts for {@code GET /api/v1/alerts/stream}: one Kafka consumer (no group: it reads every
 * partition of the alerts topic from its end, {@code read_committed}) fans each new alert, and each
 * correction of one, out to the connected clients whose role and filters admit it.
 *
 * <p>Events (the contract a client follows to show the same alerts as the alert list):
 * <ul>
 *   <li>{@code alert}: data = the alert in the shape users see, with its {@code revision}; event id
 *       {@code alertId|revision}. Revision 1 is a new alert; a higher revision is a correction of one
 *       already sent (its rule, report, severity... may have changed): the client replaces what it shows
 *       for that alertId rather than adding a second one.</li>
 *   <li>{@code remove}: data = {@code {"alertId", "revision", "withdrawn"}}: the client drops that alertId.
 *       Sent when an alert is withdrawn ({@code withdrawn: true}: it is counted and listed nowhere), and
 *       when a correction no longer matches the stream's filters ({@code withdrawn: false}, e.g. a rule
 *       filter and a corrected rule). A withdrawn alert is never sent as {@code alert}.</li>
 * </ul>
 * The force of an alert never changes (its id derives from it), so a {@code remove} reaches only
 * clients entitled to that force's alerts.
 *
 * <p>Only the highest revision of an alert seen so far is sent: a replay upstream, or an older revision
 * arriving after a newer one, is dropped. The last 10,000 alert ids are remembered with what was last sent
 * for them (an alert first seen here as a correction or a withdrawal is treated as if the client might hold
 * it from the alert list). A comment line every 15 s keeps idle connections open through proxies and finds
 * clients that went away. Undecodable records are skipped here (the indexer dead-letters them).
 */
public final class AlertStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KEEP_ALIVE_MILLIS = 15_000;
  private static final int REMEMBERED_IDS = 10_000;

  private record Subscriber(SseClient client, Predicate<ObjectNode> admits) {}

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final ConfluentAvroCodec<Alert> codec;
  private final Documents documents = new Documents(IndexNames.DEFAULT);
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final LiveRevisions revisions = new LiveRevisions(REMEMBERED_IDS);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean ready;

  public AlertStream(String kafkaBootstrap, SchemaRegistryClient registry, String topic) {
    this.topic = topic;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "safehaven-api-alert-stream");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.codec = ConfluentAvroCodec.of(registry, Alert.class);
    this.thread = new Thread(this::run, "safehaven-api-alert-stream");
    this.thread.setDaemon(true);
  }

  public AlertStream start() {
    thread.start();
    return this;
  }

  /** Whether the consumer has its partitions and is at their end: alerts from now on will be sent. */
  public boolean ready() {
    return ready;
  }

  /** Adds a client; it receives every later alert its predicate admits, until it disconnects. */
  public void subscribe(SseClient client, Predicate<ObjectNode> admits) {
    Subscriber s = new Subscriber(client, admits);
    subscribers.add(s);
    client.onClose(() -> subscribers.remove(s));
    client.sendComment("connected");
  }

  public int subscribers() {
    return subscribers.size();
  }

  private void run() {
    long lastKeepAlive = System.currentTimeMillis();
    try {
      List<TopicPartition> parts = awaitPartitions();
      if (parts.isEmpty()) {
        return;
      }
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position);
      ready = true;
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
          broadcast(r);
        }
        long now = System.currentTimeMillis();
        if (now - lastKeepAlive >= KEEP_ALIVE_MILLIS) {
          lastKeepAlive = now;
          for (Subscriber s : subscribers) {
            send(s, null, null, null);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the live alert stream stopped ({})", e.getClass().getName());
    } finally {
      consumer.close();
      subscribers.forEach(s -> s.client().close());
    }
  }

  private List<TopicPartition> awaitPartitions() {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          List<TopicPartition> parts = new ArrayList<>();
          infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
          return parts;
        }
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.debug("alerts topic not reachable yet ({})", e.getClass().getName());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  private void broadcast(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return;
    }
    Alert alert;
    try {
      alert = codec.decode(r.topic(), r.partition(), r.offset(), r.value());
    } catch (SerdeException e) {
      LOG.warn("skipping an undecodable alert record ({})", e.rule());
      return;
    }
    ObjectNode view;
    try {
      view = AlertView.of(JSON.readTree(documents.alert(alert).source()));
    } catch (IOException | IllegalArgumentException e) {
      return; // not an alert the platform could store (e.g. a revision below 1): the indexer dead-letters it
    }
    Optional<LiveRevisions.Update> news = revisions.accept(alert.getAlertId(), alert.getRevision(),
        alert.getWithdrawn(), view);
    if (news.isEmpty()) {
      return; // a replay, or an older revision arriving after a newer one
    }
    String id = alert.getAlertId() + "|" + alert.getRevision();
    String data = view.toString();
    String removal = JSON.createObjectNode().put("alertId", alert.getAlertId()).put("revision", alert.getRevision())
        .put("withdrawn", alert.getWithdrawn()).toString();
    for (Subscriber s : subscribers) {
      switch (news.get().forClient(s.admits())) {
        case ALERT -> send(s, "alert", data, id);
        case REMOVE -> send(s, "remove", removal, id);
        case NONE -> { }
      }
    }
  }

  private void send(Subscriber s, String event, String data, String id) {
    try {
      if (s.client().terminated()) {
        subscribers.remove(s);
      } else if (event == null) {
        s.client().sendComment("keep-alive");
      } else {
        s.client().sendEvent(event, data, id);
      }
    } catch (RuntimeException e) {
      subscribers.remove(s);
      s.client().close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
