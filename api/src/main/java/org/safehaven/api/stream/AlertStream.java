package org.safehaven.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * partition of the alerts topic from its end, {@code read_committed}) fans each new alert out to the
 * connected clients whose role and filters admit it, as a server-sent event {@code alert} with the
 * alert id as the event id and the alert, in the shape users see, as data.
 *
 * <p>An alert seen again (a replay upstream) is not sent twice: the last 10,000 alert ids are
 * remembered. A comment line every 15 s keeps idle connections open through proxies and finds clients
 * that went away. Undecodable records are skipped here (the indexer dead-letters them).
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
  private final Map<String, Boolean> recent = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_IDS;
    }
  };
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
    if (recent.put(alert.getAlertId(), Boolean.TRUE) != null) {
      return;
    }
    ObjectNode view;
    try {
      view = AlertView.of(JSON.readTree(documents.alert(alert).source()));
    } catch (IOException e) {
      return;
    }
    String data = view.toString();
    for (Subscriber s : subscribers) {
      if (s.admits().test(view)) {
        send(s, "alert", data, alert.getAlertId());
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
