package org.safehaven.streams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.topic.Topics;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.file.FileImporter;
import org.safehaven.ingest.file.ProgressListener;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.Origin;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;
import org.safehaven.streams.StreamsApp;
import picocli.CommandLine;

/**
 * The Streams application's benchmark, on a running stack ({@code ./safehaven up --data-dir DIR}; best a
 * fresh one, so the canonical topics hold only the benchmark's events):
 * <ol>
 *   <li>generates a national week ({@code generate --days 7}, all forces, realistic volumes) and ingests it
 *       through the real ingest pipeline;</li>
 *   <li>measures the raw consumer ceiling on the same four canonical topics with Kafka's own
 *       {@code ConsumerPerformance} (a child JVM on the broker's classpath);</li>
 *   <li>measures the whole topology's throughput: a fresh application id processes the week from the start,
 *       timed from RUNNING until its committed offsets reach the end of every input and of its repartition
 *       topic;</li>
 *   <li>measures latency at a steady rate: the following day (breach-rich, so alerts are frequent) is fed
 *       through ingest at {@code --rate} events a second; latency is from the triggering event's
 *       {@code acceptedAt} (set by ingest) to the moment a read_committed consumer receives its alert.</li>
 * </ol>
 * Command (from the repository root, after {@code mvn -q -o -pl streams install} and with a stack up):
 * <pre>
 * mvn -q -o -pl streams dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -Xmx2g -cp streams/target/test-classes:streams/target/classes:$(cat streams/target/bench.cp) \
 *   org.safehaven.streams.bench.StreamsBenchmark --data-dir DIR [--days 7] [--rate 1000] [--latency-seconds 120]
 *   [--threads 1] [--warmup-seconds 0] [--set streams.KEY=VALUE,...] [--kafka-classpath runtime/kafka-broker/target/kafka-classpath.txt] [--load false]
 * </pre>
 */
public final class StreamsBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> INPUTS = List.of(Topics.CRIME_REPORTS.name(), Topics.CASE_STATUS.name(),
      Topics.PNC_QUERIES.name(), Topics.DISCLOSURES.name());

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    Path dataDir = Path.of(a.getOrDefault("--data-dir", ".safehaven"));
    int days = Integer.parseInt(a.getOrDefault("--days", "7"));
    double rate = Double.parseDouble(a.getOrDefault("--rate", "1000"));
    int latencySeconds = Integer.parseInt(a.getOrDefault("--latency-seconds", "120"));
    int threads = Integer.parseInt(a.getOrDefault("--threads", "1"));
    Path kafkaCp = Path.of(a.getOrDefault("--kafka-classpath", "runtime/kafka-broker/target/kafka-classpath.txt"));
    boolean load = Boolean.parseBoolean(a.getOrDefault("--load", "true"));

    JsonNode stack = JSON.readTree(dataDir.resolve("stack.json").toFile());
    String bootstrap = stack.get("kafkaBootstrap").asText();
    String registryUrl = stack.get("registryUrl").asText();
    Path work = Files.createTempDirectory("safehaven-streams-bench");
    System.out.printf("stack: Kafka %s, registry %s; work dir %s%n", bootstrap, registryUrl, work);

    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    SafeHavenConfig ingestConfig = new ConfigLoader(Map.of()).load(null, List.of());
    try (IngestService ingest = IngestService.start(new IngestService.Endpoints(bootstrap, registryUrl,
        work.resolve("ingest")), ingestConfig, PseudonymisationKey.parse(HexFormat.of().formatHex(k), "benchmark"));
         SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl);
         Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {

      // 1. A national week, through ingest (--load false: the topics already hold it from an earlier run).
      if (load) {
        Path week = work.resolve("national-week.jsonl");
        long t = System.nanoTime();
        generate("--days", Integer.toString(days), week.toString());
        System.out.printf("generated %d days: %,d lines in %.1f s%n", days, lines(week), secs(t));
        t = System.nanoTime();
        IngestCounts.Snapshot in = new FileImporter(ingest.pipeline()).importFile(week, ProgressListener.NONE);
        System.out.printf("ingested: %s in %.1f s%n", in, secs(t));
      }
      long records = count(admin, INPUTS);
      System.out.printf("canonical records on the four input topics: %,d%n", records);

      // 2. The raw consumer ceiling on the same topics.
      String ceiling = consumerPerformance(kafkaCp, bootstrap, records);
      System.out.println("ConsumerPerformance (same topics, same run): " + ceiling);

      // 3. The whole topology, from the start of the topics. First, optionally, a warm-up: the same topology
      // under another application id for --warmup-seconds, closed before the measured run starts, so that the
      // measured run is the steady state of a running JVM (JIT compilation done) rather than a cold start.
      int warmupSeconds = Integer.parseInt(a.getOrDefault("--warmup-seconds", "0"));
      if (warmupSeconds > 0) {
        SafeHavenConfig warm = new ConfigLoader(Map.of()).load(null, List.of("dataDir=" + work.resolve("warmup"),
            "streams.applicationId=safehaven-streams-warmup-" + UUID.randomUUID().toString().substring(0, 8),
            "streams.threads=" + threads));
        try (StreamsApp app = StreamsApp.start(warm, bootstrap, registryUrl)) {
          app.awaitRunning(Duration.ofMinutes(5));
          Thread.sleep(warmupSeconds * 1000L);
        }
        System.out.printf("warm-up: the topology ran %d s under another application id, then closed%n", warmupSeconds);
      }
      String appId = "safehaven-streams-bench-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> sets = new ArrayList<>(List.of("dataDir=" + work, "streams.applicationId=" + appId,
          "streams.threads=" + threads));
      // --set "streams.commitIntervalMs=200,streams.x=y": configuration overrides for the application under test.
      for (String set : a.getOrDefault("--set", "").split(",")) {
        if (!set.isBlank()) {
          sets.add(set.trim());
        }
      }
      System.out.println("streams configuration overrides: " + sets.subList(1, sets.size()));
      SafeHavenConfig cfg = new ConfigLoader(Map.of()).load(null, sets);
      try (StreamsApp app = StreamsApp.start(cfg, bootstrap, registryUrl)) {
        app.awaitRunning(Duration.ofMinutes(5));
        long t0 = System.nanoTime();
        long cpu0 = streamThreadsCpuNanos();
        long process0 = processCpuNanos();
        long broker0 = brokerCpuTicks(stack);
        long machine0 = machineBusyTicks();
        awaitCaughtUp(admin, appId);
        double s = secs(t0);
        double cpu = (streamThreadsCpuNanos() - cpu0) / 1e9;
        double processCpu = (processCpuNanos() - process0) / 1e9;
        long broker1 = brokerCpuTicks(stack);
        long machine1 = machineBusyTicks();
        // Events per CPU-second of the stream threads: what the topology costs, whatever else the machine runs.
        System.out.printf("THROUGHPUT: %,d events in %.1f s = %,.0f events/s (streams.threads=%d); stream threads used"
            + " %.1f CPU-s = %,.0f events per CPU-second; load average %.1f%n", records, s, records / s, threads, cpu,
            records / cpu, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Where the machine's CPU went in the same interval: the broker shares the two cores with the topology.
        System.out.printf("CPU during the throughput phase: this JVM %.1f CPU-s (stream threads %.1f), broker %s,"
            + " of %.1f available (%d cores x %.1f s); the whole machine was busy %s (anything beyond this JVM and"
            + " the broker is other load)%n", processCpu, cpu,
            broker0 < 0 || broker1 < 0 ? "n/a" : String.format("%.1f CPU-s", (broker1 - broker0) / 100.0),
            s * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(), s,
            machine0 < 0 || machine1 < 0 ? "n/a" : String.format("%.1f CPU-s", (machine1 - machine0) / 100.0));

        // 4. Latency at a steady rate: the next day, breach-rich, paced through ingest.
        Path next = work.resolve("next-day.jsonl");
        LocalDate after = LocalDate.parse("2025-01-01").plusDays(days);
        generate("--start", after.toString(), "--days", "1", "--breach-rate", "300", next.toString());
        latency(ingest.pipeline(), registry, bootstrap, next, rate, latencySeconds);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime of the stack's Kafka broker in clock ticks (1/100 s on Linux), or -1 where unreadable. */
  private static long brokerCpuTicks(JsonNode stack) {
    JsonNode pid = stack.path("pids").path("kafka");
    Path stat = Path.of("/proc", pid.asText("0"), "stat");
    try {
      String line = Files.readString(stat);
      String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Busy clock ticks of the whole machine (all of /proc/stat's cpu line but idle and iowait), or -1. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long streamThreadsCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo info : mx.dumpAllThreads(false, false)) {
      if (info.getThreadName().contains("StreamThread")) {
        total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static void generate(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(0, "--quiet");
    int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream())))
        .execute(all.toArray(String[]::new));
    if (code != 0) {
      throw new IllegalStateException("generate exited " + code);
    }
  }

  private static void latency(IngestPipeline pipeline, SchemaRegistryClient registry, String bootstrap, Path file,
                              double rate, int seconds) throws Exception {
    Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    Map<String, Long> alertSeen = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread flows = consumer(bootstrap, List.of(Topics.PNC_QUERIES.name(), Topics.DISCLOSURES.name()), stop, r -> {
      if (r.topic().equals(Topics.PNC_QUERIES.name())) {
        PncQuery q = ConfluentAvroCodec.of(registry, PncQuery.class).decode(r.topic(), r.value());
        acceptedAt.put(q.getEventId(), q.getAcceptedAt().toEpochMilli());
      } else {
        Disclosure d = ConfluentAvroCodec.of(registry, Disclosure.class).decode(r.topic(), r.value());
        acceptedAt.put(d.getEventId(), d.getAcceptedAt().toEpochMilli());
      }
    });
    Thread alerts = consumer(bootstrap, List.of(Topics.ALERTS.name()), stop, r -> {
      Alert al = ConfluentAvroCodec.of(registry, Alert.class).decode(r.topic(), r.value());
      alertSeen.putIfAbsent(al.getTriggeringEventId(), System.currentTimeMillis());
    });
    flows.start();
    alerts.start();
    Thread.sleep(3000); // both consumers assigned, at the end of their topics

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    long start = System.nanoTime();
    long sent = 0;
    long limit = (long) (rate * seconds);
    for (String line : lines) {
      if (sent >= limit) {
        break;
      }
      long due = start + (long) (sent * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      pipeline.ingest(line.getBytes(StandardCharsets.UTF_8), Origin.fileLine(sent + 1));
      sent++;
    }
    double fed = secs(start);
    Thread.sleep(5000);
    stop.set(true);
    flows.join();
    alerts.join();
    List<Long> lat = new ArrayList<>();
    alertSeen.forEach((eventId, seen) -> {
      Long acc = acceptedAt.get(eventId);
      if (acc != null) {
        lat.add(seen - acc);
      }
    });
    Collections.sort(lat);
    System.out.printf("LATENCY: fed %,d events in %.1f s (%.0f events/s); %d alerts; acceptedAt -> alert on topic: "
            + "p50 %d ms, p99 %d ms, max %d ms%n", sent, fed, sent / fed, lat.size(), pct(lat, 0.50), pct(lat, 0.99),
        lat.isEmpty() ? -1 : lat.get(lat.size() - 1));
  }

  private interface OnRecord {
    void accept(ConsumerRecord<String, byte[]> r);
  }

  private static Thread consumer(String bootstrap, List<String> topics, AtomicBoolean stop, OnRecord on) {
    return new Thread(() -> {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
      try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) {
          c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        }
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        while (!stop.get()) {
          for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
            on.accept(r);
          }
        }
      }
    });
  }

  private static long pct(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static String consumerPerformance(Path kafkaCp, String bootstrap, long records) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The broker's classpath, then ours for the client-side codecs it leaves out (lz4: ingest compresses with it).
    String cp = Files.readString(kafkaCp).trim() + File.pathSeparator + System.getProperty("java.class.path");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", cp,
        "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
        "--include", "safehaven\\.(crime-reports|case-status|pnc-queries|disclosures)",
        "--num-records", Long.toString(records), "--timeout", "120000",
        "--group", "bench-ceiling-" + UUID.randomUUID());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "consumer-performance.out"), out);
    String header = null;
    String result = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("start.time")) {
        header = line;
      } else if (header != null && result == null && line.matches("\\d{4}-\\d{2}-\\d{2} .*,.*")) {
        result = line;
      }
    }
    return header == null ? out : header + " / " + result;
  }

  private static void awaitCaughtUp(Admin admin, String appId) throws Exception {
    List<String> topics = new ArrayList<>(INPUTS);
    topics.add(appId + "-role-updates-repartition");
    while (true) {
      Thread.sleep(200);
      Map<TopicPartition, OffsetSpec> want = new HashMap<>();
      for (String t : topics) {
        admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions()
            .forEach(i -> want.put(new TopicPartition(t, i.partition()), OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(want).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
      boolean done = true;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long slack = e.getKey().topic().endsWith("-repartition") ? 1 : 0;
        if ((c == null ? 0 : c.offset()) < e.getValue().offset() - slack) {
          done = false;
          break;
        }
      }
      if (done) {
        return;
      }
    }
  }

  private static long count(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (String t : topics) {
      admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions().forEach(i -> {
        latest.put(new TopicPartition(t, i.partition()), OffsetSpec.latest());
        earliest.put(new TopicPartition(t, i.partition()), OffsetSpec.earliest());
      });
    }
    long n = 0;
    for (var e : admin.listOffsets(latest).all().get().values()) {
      n += e.offset();
    }
    for (var e : admin.listOffsets(earliest).all().get().values()) {
      n -= e.offset();
    }
    return n;
  }

  private static long lines(Path file) throws IOException {
    try (var s = Files.lines(file)) {
      return s.count();
    }
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
