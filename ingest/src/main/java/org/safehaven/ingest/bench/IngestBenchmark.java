package org.safehaven.ingest.bench;

import org.safehaven.core.topic.TopicReadiness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.ingest.TopicSetup;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.file.FileImporter;
import org.safehaven.ingest.file.ProgressListener;
import org.safehaven.ingest.pipeline.EventSink;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.KafkaEventSink;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.testkit.SampleEvents;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.schema.DeadLetter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * File-import throughput and peak heap into a running stack, next to the raw ceiling measured in the
 * same run with Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (same broker, same
 * producer settings, records of the same size as the canonical records ingest writes).
 *
 * <p>Run (with a stack up, e.g. {@code ./safehaven up}; see ingest/README.md):
 * <pre>
 * mvn -q -pl ingest dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp ingest/target/classes:$(cat ingest/target/cp.txt) \
 *   org.safehaven.ingest.bench.IngestBenchmark --data-dir .safehaven --events 1000000
 * </pre>
 * The importer runs in this JVM with the pipeline of {@code ./safehaven ingest} (its own dedup store
 * and a random key under a work directory, so it disturbs nothing of the stack's); peak heap is the
 * JVM's own peak of its heap pools during the import. ProducerPerformance runs in a child JVM on the
 * broker's tool classpath ({@code runtime/kafka-broker/target/kafka-classpath.txt}).
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true)
public final class IngestBenchmark implements Callable<Integer> {

  @Option(names = "--data-dir", description = "A running stack's data directory (reads stack.json).")
  Path dataDir;

  @Option(names = "--bootstrap", description = "Kafka bootstrap servers (instead of --data-dir).")
  String bootstrap;

  @Option(names = "--registry", description = "Registry URL (instead of --data-dir).")
  String registryUrl;

  @Option(names = "--events", defaultValue = "1000000")
  int events;

  @Option(names = "--warmup-events", defaultValue = "0", description = "Import this many other generated events first, "
      + "in the same JVM through the same pipeline, unmeasured: the importer as it runs inside the long-lived ingest "
      + "service, whose JIT compilation is done (default: ${DEFAULT-VALUE}, a cold JVM).")
  int warmupEvents;

  @Option(names = "--input", description = "Import this JSON Lines file (e.g. ./safehaven generate's output) instead "
      + "of --events generated sample events; its events must be new to the benchmark's own dedup store.")
  Path input;

  @Option(names = "--work-dir", description = "Where the input file and the dedup store go (default: a temp dir).")
  Path workDir;

  @Option(names = "--kafka-classpath", defaultValue = "runtime/kafka-broker/target/kafka-classpath.txt",
      description = "File holding the classpath of Kafka's tools, for ProducerPerformance.")
  Path kafkaClasspath;

  @Option(names = "--workers", defaultValue = "1", description = "Importer worker threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--skip-ceiling", description = "Do not run ProducerPerformance.")
  boolean skipCeiling;

  @Option(names = "--set", description = "A setting key.path=value (e.g. ingest.producerLingerMs=50), for "
      + "the importer and the ceiling alike.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--no-broker", description = "Measure the importer's own CPU cost without a stack: records are "
      + "encoded to the wire format (in-memory registry) and dropped; no ceiling.")
  boolean noBroker;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (dataDir != null && !noBroker) {
      JsonNode stack = new ObjectMapper().readTree(dataDir.resolve("stack.json").toFile());
      bootstrap = stack.get("kafkaBootstrap").asText();
      registryUrl = stack.get("registryUrl").asText();
    }
    if (noBroker) {
      bootstrap = "none";
      registryUrl = "none";
      skipCeiling = true;
    }
    if (bootstrap == null || registryUrl == null) {
      System.err.println("give --data-dir of a running stack, or --bootstrap and --registry");
      return 2;
    }
    Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("safehaven-ingest-bench");
    SafeHavenConfig config = new ConfigLoader(Map.of()).load(null, settings);
    SafeHavenConfig.Ingest in = config.ingest();
    System.out.printf("producer: linger.ms=%d batch.size=%d compression=%s; workers %d; JVM %s, garbage collectors %s%n",
        in.producerLingerMs(), in.producerBatchBytes(), in.producerCompression(), workers,
        System.getProperty("java.vm.version"), ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    PseudonymisationKey key = PseudonymisationKey.parse(HexFormat.of().formatHex(k), "benchmark");
    String prefix = "bench" + Long.toString(System.currentTimeMillis(), 36);

    // 1. Input: N generated events as JSON Lines, or the file given.
    Path file = input != null ? input : work.resolve("events.jsonl");
    long t0 = System.nanoTime();
    if (input == null) {
      writeSample(file, new SampleEvents(1, prefix, Instant.now().minusSeconds(3600), 200_000), events);
    } else {
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        events = (int) lines.count();
      }
    }
    long fileBytes = Files.size(file);
    Path warmFile = work.resolve("warmup.jsonl");
    if (warmupEvents > 0) {
      writeSample(warmFile, new SampleEvents(2, prefix + "w", Instant.now().minusSeconds(3600), 200_000), warmupEvents);
    }
    System.out.printf("input: %s, %,d events, %,d bytes (%.0f bytes/event), prepared in %.1f s%n",
        input != null ? input : "generated", events, fileBytes, (double) fileBytes / events, (System.nanoTime() - t0) / 1e9);

    if (!noBroker) {
      TopicSetup.ensure(bootstrap, config.topics());
    }
    int recordSize;
    IngestCounts.Snapshot counts;
    double seconds;
    long peakHeap;
    long sampledPeak;
    double cpuSeconds;
    double threadCpuSeconds;
    double machineBusyCores;
    double runQueueSeconds;
    String threadsCpu;
    try (SchemaRegistryClient registry = noBroker ? new InMemorySchemaRegistryClient()
        : new HttpSchemaRegistryClient(registryUrl)) {
      // 2. The importer (the first code of the pipeline this JVM runs, unless --warmup-events: the ceiling's
      // record size is measured afterwards, so that a "cold" import is cold).
      List<MemoryPoolMXBean> heapPools = new ArrayList<>();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          heapPools.add(p);
        }
      }
      AtomicLong sampled = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          sampled.accumulateAndGet(used, Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      try (DedupStore dedup = DedupStore.open(work.resolve("dedup"));
           EventSink sink = noBroker ? new EncodeOnlySink(registry) : new KafkaEventSink(bootstrap, registry, config.ingest())) {
        IngestPipeline pipeline = new IngestPipeline(new EventValidator(Limits.from(config.ingest()), Clock.systemUTC()),
            new Pseudonymiser(key), dedup, sink, Clock.systemUTC());
        if (warmupEvents > 0) {
          long w0 = System.nanoTime();
          IngestCounts.Snapshot warm = new FileImporter(pipeline, workers).importFile(warmFile, ProgressListener.NONE);
          double ws = (System.nanoTime() - w0) / 1e9;
          System.out.printf("warm-up (unmeasured, other events, same JVM and dedup store): %s in %.1f s = %,.0f events/s%n",
              warm.line(), ws, warm.read() / ws);
        }
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampled.set(0);
        long[] machineStart = machineTicks();
        Map<String, Long> threadsStart = threadTicks();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long threadStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long[] schedStart = threadSchedStat();
        counts = new FileImporter(pipeline, workers).importFile(file, ProgressListener.NONE);
        threadCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadStart) / 1e9;
        long[] schedEnd = threadSchedStat();
        runQueueSeconds = schedStart == null || schedEnd == null ? Double.NaN : (schedEnd[1] - schedStart[1]) / 1e9;
        if (sink instanceof KafkaEventSink kafka) {
          Map<String, Double> m = kafka.producerMetrics();
          System.out.printf("producer: %.0f bytes per batch, %.0f records per request, %.0f requests/s, compression"
                  + " rate %.2f, %.1f ms queued, %.1f ms request latency (averages)%n",
              m.getOrDefault("batch-size-avg", Double.NaN), m.getOrDefault("records-per-request-avg", Double.NaN),
              m.getOrDefault("request-rate", Double.NaN), m.getOrDefault("compression-rate-avg", Double.NaN),
              m.getOrDefault("record-queue-time-avg", Double.NaN), m.getOrDefault("request-latency-avg", Double.NaN));
        }
        seconds = (System.nanoTime() - start) / 1e9;
        cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        long[] machineEnd = machineTicks();
        threadsCpu = perEvent(threadsStart, threadTicks(), counts.read());
        machineBusyCores = machineStart == null || machineEnd == null || machineEnd[1] == machineStart[1] ? Double.NaN
            : (double) (machineEnd[0] - machineStart[0]) / (machineEnd[1] - machineStart[1])
                * Runtime.getRuntime().availableProcessors();
      }
      sampler.interrupt();
      peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      sampledPeak = sampled.get();
      recordSize = averageCanonicalSize(registry, key, prefix, config);
    }
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf("importer: %s in %.1f s = %,.0f events/s; peak heap %d MB (sum of pool peaks; sampled %d MB) "
            + "of max %d MB%n", counts.line(), seconds, counts.read() / seconds, peakHeap >> 20, sampledPeak >> 20,
        maxHeap >> 20);
    System.out.printf("importer CPU: %.1f s of process CPU time, %.1f us per event (%.2f cores busy on average;"
        + " the machine has %d)%n", cpuSeconds, cpuSeconds * 1e6 / Math.max(1, counts.read()), cpuSeconds / seconds,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("reading thread CPU: %.1f us per event (running %.0f %% of the import's time, ready but waiting"
            + " for a core %.0f %%); whole machine: %.2f of %d cores busy during the import%n",
        threadCpuSeconds * 1e6 / Math.max(1, counts.read()), 100 * threadCpuSeconds / seconds,
        100 * runQueueSeconds / seconds, machineBusyCores, Runtime.getRuntime().availableProcessors());
    System.out.println("importer threads, CPU us per event: " + threadsCpu);

    // 3. The ceiling: Kafka's own producer on the same broker with the same settings and record size.
    if (!skipCeiling) {
      ceiling(recordSize, config.ingest());
    }
    return counts.balanced() ? 0 : 1;
  }

  /**
   * Busy and total CPU ticks of the whole machine from Linux's /proc/stat (every process: the broker and
   * anyone else's too), or null elsewhere: shows whether the import left any core idle.
   */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) { // user .. steal (guest time is counted in user already)
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * CPU ticks (user + system) of this process's threads by name (digits folded, so a pool counts as one),
   * from Linux's /proc/self/task; empty elsewhere.
   */
  private static Map<String, Long> threadTicks() {
    Map<String, Long> ticks = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
          String[] f = stat.substring(close + 2).split(" ");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum); // utime, stime
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return ticks;
  }

  /** The threads' CPU during the import in us per event, busiest first (ticks of 10 ms). */
  private static String perEvent(Map<String, Long> before, Map<String, Long> after, long events) {
    StringBuilder sb = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
            .append(String.format("%.1f", e.getValue() * 10_000.0 / Math.max(1, events))));
    return sb.toString();
  }

  /** This thread's Linux scheduler statistics (ns on a CPU, ns ready but waiting for one), or null elsewhere. */
  private static long[] threadSchedStat() {
    try {
      String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** The mean encoded size of canonical records (wire format) over a sample of the same events. */
  /** Writes n sample events as JSON Lines. */
  private static void writeSample(Path file, SampleEvents sample, int n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        w.write(sample.next());
        w.write('\n');
      }
    }
  }

  private int averageCanonicalSize(SchemaRegistryClient registry, PseudonymisationKey key, String prefix,
                                   SafeHavenConfig config) {
    // The same events as the import: the sample events again, or the input file's first lines.
    Iterator<String> source;
    if (input == null) {
      source = Stream.generate(new SampleEvents(1, prefix, Instant.now().minusSeconds(3600), 200_000)::next).iterator();
    } else {
      try (Stream<String> lines = Files.lines(input, StandardCharsets.UTF_8)) {
        source = lines.limit(20_000).toList().iterator();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    EventValidator validator = new EventValidator(Limits.from(config.ingest()), Clock.systemUTC());
    CanonicalMapper mapper = new CanonicalMapper(new Pseudonymiser(key));
    long total = 0;
    int n = 0;
    while (n < 2000 && source.hasNext()) {
      if (!(validator.validate(source.next().getBytes(StandardCharsets.UTF_8)) instanceof ValidEvent valid)) {
        continue;
      }
      n++;
      CanonicalRecord r = mapper.map(valid, Instant.now());
      @SuppressWarnings("unchecked")
      ConfluentAvroCodec<SpecificRecord> codec =
          ConfluentAvroCodec.of(registry, (Class<SpecificRecord>) r.value().getClass());
      total += codec.encode(r.topic().name(), r.value()).length + r.key().length();
    }
    int size = (int) (total / Math.max(1, n));
    System.out.printf("canonical records: %d bytes on average (key + wire-format value)%n", size);
    return size;
  }

  private void ceiling(int recordSize, SafeHavenConfig.Ingest settings) throws IOException, InterruptedException {
    if (!Files.exists(kafkaClasspath)) {
      System.out.println("ceiling: skipped, no Kafka tool classpath at " + kafkaClasspath);
      return;
    }
    String topic = "safehaven.bench-ceiling";
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      TopicReadiness.awaitWritable(admin, List.of(topic), java.time.Duration.ofSeconds(60));
    } catch (Exception e) {
      throw new IOException("cannot create " + topic, e);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", Files.readString(kafkaClasspath).strip(), "org.apache.kafka.tools.ProducerPerformance",
        "--topic", topic, "--num-records", String.valueOf(events), "--record-size", String.valueOf(recordSize),
        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
        "enable.idempotence=true", "linger.ms=" + settings.producerLingerMs(),
        "batch.size=" + settings.producerBatchBytes(), "compression.type=" + settings.producerCompression()));
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    proc.waitFor();
    String last = "";
    for (String line : output.split("\n")) {
      if (line.contains("records sent")) {
        last = line.strip();
      }
    }
    Matcher m = Pattern.compile("([\\d.]+) records/sec").matcher(last);
    System.out.println("ceiling (ProducerPerformance, " + recordSize + "-byte records): "
        + (last.isEmpty() ? "no result; output:\n" + output : last));
    if (m.find()) {
      System.out.printf("ceiling: %,.0f records/s%n", Double.parseDouble(m.group(1)));
    }
    try (Admin admin = Admin.create(p)) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Left behind: harmless, recreated next run.
    }
  }

  /**
   * Encodes every record as {@link KafkaEventSink} does and drops it, acknowledging at once: the importer's
   * own cost (read, validate, dedup, pseudonymise, map, encode) without a broker's, for profiling.
   */
  private static final class EncodeOnlySink implements EventSink {
    private final Map<Class<?>, ConfluentAvroCodec<SpecificRecord>> codecs = new java.util.concurrent.ConcurrentHashMap<>();
    private final SchemaRegistryClient registry;
    private final java.util.concurrent.atomic.LongAdder bytes = new java.util.concurrent.atomic.LongAdder();

    EncodeOnlySink(SchemaRegistryClient registry) {
      this.registry = registry;
    }

    @SuppressWarnings("unchecked")
    private java.util.concurrent.CompletableFuture<Void> encode(String topic, SpecificRecord value) {
      ConfluentAvroCodec<SpecificRecord> codec = codecs.computeIfAbsent(value.getClass(),
          c -> ConfluentAvroCodec.of(registry, (Class<SpecificRecord>) c));
      bytes.add(codec.encode(topic, value).length);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> canonical(CanonicalRecord record) {
      return encode(record.topic().name(), record.value());
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> deadLetter(String key, DeadLetter letter) {
      return encode(org.safehaven.core.topic.Topics.DEAD_LETTERS.name(), letter);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
