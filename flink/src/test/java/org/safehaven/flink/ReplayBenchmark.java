package org.safehaven.flink;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.flink.io.KafkaIo;
import org.safehaven.flink.io.TopicNames;
import org.safehaven.rules.RuleSettings;

/**
 * Replay throughput on this machine: first the ceiling (a plain consumer reading the four canonical topics
 * from the beginning to their end offsets, bytes only), then the job replaying the same history (bounded
 * Kafka source, every operator, outputs discarded), with the peak heap of this JVM. Load the topics first,
 * e.g. a national month: {@code ./safehaven generate --days 30 month.jsonl} then {@code ./safehaven ingest
 * month.jsonl}. Run (from the repository root):
 *
 * <pre>
 * mvn -q -o -pl flink test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx8g -cp flink/target/classes:flink/target/test-classes:$(cat flink/target/cp.txt) \
 *   org.safehaven.flink.ReplayBenchmark BOOTSTRAP REGISTRY_URL [PARALLELISM] [TOPIC_PREFIX]
 * </pre>
 *
 * <p>A national month holds about 4.7 GB of heap at its peak (state for the 730-day lookback): with 4 GB the
 * run is GC-bound (measured 2026-11-26: 44,647 against 51,204 events/s with 8 GB).
 */
public final class ReplayBenchmark {

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String registry = args[1];
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    TopicNames topics = args.length > 3 ? TopicNames.prefixed(args[3]) : TopicNames.platform();
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long t0 = System.nanoTime();
    long events = plainRead(bootstrap, topics);
    double ceilingSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "plain consumer: %,d records in %.1f s = %,.0f records/s%n", events, ceilingSeconds,
        events / ceilingSeconds);

    if (events == 0) {
      System.err.println("the canonical topics are empty: load them first (see the class comment)");
      System.exit(2);
    }

    RuleSettings rules = RuleSettings.of(PolicyLoader.resolve(null).policy());
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
    // Checkpoints to files, as FlinkMain with --state-dir: without a directory Flink keeps them in the
    // JobManager's memory, which refuses state over 5 MB, and a failed checkpoint restarts the job.
    java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("safehaven-bench-checkpoints");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(parallelism);
    peakHeap.set(0);
    long t1 = System.nanoTime();
    new DeferralJob(KafkaIo.replaySource(bootstrap, registry, topics, "safehaven-bench-" + System.nanoTime(), null, null),
        new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), rules,
        DeferralJob.Options.replay(rules, false)).execute(env, "replay benchmark");
    double jobSeconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(Locale.ROOT, "flink replay (parallelism %d): %,d events in %.1f s = %,.0f events/s "
            + "(%.0f%% of the plain-consumer ceiling), peak heap %,d MiB of %,d MiB%n", parallelism, events, jobSeconds,
        events / jobSeconds, 100 * ceilingSeconds / jobSeconds, peakHeap.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    sampler.interrupt();
    org.apache.flink.util.FileUtils.deleteDirectory(checkpoints.toFile());
  }

  private static long plainRead(String bootstrap, TopicNames topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    long n = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : topics.inputs()) {
        for (PartitionInfo info : c.partitionsFor(t, Duration.ofSeconds(30))) {
          parts.add(new TopicPartition(t, info.partition()));
        }
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(500));
        n += rs.count();
      }
    }
    return n;
  }
}
