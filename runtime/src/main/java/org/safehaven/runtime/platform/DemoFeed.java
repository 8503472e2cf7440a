package org.safehaven.runtime.platform;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.safehaven.core.topic.Topics;
import org.safehaven.generator.EventSink;
import org.safehaven.generator.LiveGenerator;
import org.safehaven.generator.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic: the live generator (demo profile: a few events a second, many breaches, a little bad
 * input and a few duplicates) producing to the raw topic, the same entry a force's system uses, so the demo
 * exercises ingest for real. Runs on a daemon thread until {@link #close}, which interrupts the generator
 * and flushes what it wrote.
 */
public final class DemoFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

  /** Events a second on average; history: two weeks of immigration stories written at once. */
  public static final double RATE = 5;
  public static final int HISTORY_DAYS = 14;

  private final Thread thread;
  private final KafkaProducer<byte[], byte[]> producer;

  private DemoFeed(Thread thread, KafkaProducer<byte[], byte[]> producer) {
    this.thread = thread;
    this.producer = producer;
  }

  public static LiveGenerator.Settings demoSettings(long seed) {
    Profile p = Profile.DEMO;
    return new LiveGenerator.Settings(seed, RATE, HISTORY_DAYS, List.of(), p.breachRate, p.badShare, p.duplicateShare);
  }

  public static DemoFeed start(String kafkaBootstrap, String rawTopic, LiveGenerator.Settings settings) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "safehaven-demo-generator");
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    EventSink sink = new EventSink() {
      @Override
      public void accept(String jsonLine) {
        // Keys are ignored by the raw entry (the event carries its own force).
        producer.send(new ProducerRecord<>(rawTopic, jsonLine.getBytes(StandardCharsets.UTF_8)));
      }

      @Override
      public void flush() {
        producer.flush();
      }
    };
    Thread t = new Thread(() -> {
      try {
        LiveGenerator.run(settings, sink, Clock.systemUTC());
      } catch (Exception e) {
        // The generator's messages name options, never event content. An error: the demo is no longer fed.
        LOG.error("the demo generator stopped: {}", e.getMessage());
      }
    }, "safehaven-demo-generator");
    t.setDaemon(true);
    t.start();
    return new DemoFeed(t, producer);
  }

  public static DemoFeed start(String kafkaBootstrap) {
    return start(kafkaBootstrap, Topics.EVENTS_RAW.name(), demoSettings(System.currentTimeMillis()));
  }

  public boolean running() {
    return thread.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(Duration.ofSeconds(10).toMillis());
    producer.close(Duration.ofSeconds(10));
  }
}
