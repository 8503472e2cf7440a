package org.safehaven.runtime.platform;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.pipeline.KafkaEventSink;
import org.safehaven.runtime.logging.LogCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./safehaven up}'s status line: every few seconds one line with what the platform has done since it
 * started and how far behind each consumer is, e.g.
 * {@code 14:03:05 in 12,345 (rejected 3) · alerts 42 · dead letters 3 · lag ingest 0, streams 0, flink 0, indexer 12 · 17 warnings in the log};
 * and once a minute, when something was logged at WARN or above, which loggers it came from.
 *
 * <p>What it reads, with one Admin client for its whole life:
 * <ul>
 *   <li>{@code in} and {@code rejected}: the records ingest's producer (the client id {@link KafkaEventSink} gives
 *       it) has sent to the canonical topics and to the dead-letter topic, from its metrics in this JVM;</li>
 *   <li>{@code alerts} and {@code dead letters}: how much the alerts and dead-letter topics' end offsets have grown
 *       since {@link #open} (dead letters of every stage: ingest's rejections and the processors' poison pills);</li>
 *   <li>{@code lag}: for each consumer group that has committed offsets, the sum over its partitions of end offset
 *       less committed offset (listConsumerGroupOffsets and listOffsets); a group with nothing committed yet is
 *       left out.</li>
 * </ul>
 * A sample costs one describe (the first time), one offset fetch for all groups and one listOffsets; {@link #open}
 * only the describe and a listOffsets of the counted topics. Samples run on one daemon thread with a fixed delay,
 * so a slow broker never piles them up; a sample that fails prints a line that says so, and the next one tries
 * again.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

  /** How often the warnings' sources are summarised (when there were any). */
  public static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** A consumer group and the short name the line gives it. */
  public record Group(String label, String groupId) {}

  /** What to report on. */
  public record Settings(String kafkaBootstrap, List<String> canonicalTopics, String alertsTopic,
                         String deadLettersTopic, List<Group> groups, String ingestClientId) {
    public Settings {
      canonicalTopics = List.copyOf(canonicalTopics);
      groups = List.copyOf(groups);
    }

    /** The platform's topics and consumer groups, as {@code ./safehaven up} runs them. */
    public static Settings platform(SafeHavenConfig config, String kafkaBootstrap) {
      return new Settings(kafkaBootstrap, Topics.CANONICAL.stream().map(t -> t.name()).toList(), Topics.ALERTS.name(),
          Topics.DEAD_LETTERS.name(), List.of(
              new Group("ingest", config.ingest().rawTopicGroupId()),
              new Group("streams", config.streams().applicationId()),
              new Group("flink", FlinkJob.GROUP_ID),
              new Group("indexer", config.indexer().groupId())),
          KafkaEventSink.producerProperties(kafkaBootstrap, config.ingest())
              .getProperty(ProducerConfig.CLIENT_ID_CONFIG));
    }
  }

  /**
   * One sample. {@code lag} holds the groups that exist, by label, in the settings' order.
   */
  public record Status(long accepted, long rejected, long alerts, long deadLetters, Map<String, Long> lag,
                       LogCounts log) {
    public Status {
      lag = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lag));
    }

    /** The status line, e.g. {@code 14:03:05 in 12,345 (rejected 3) · alerts 42 · ... · 17 warnings in the log}. */
    public String line(LocalTime time) {
      StringBuilder b = new StringBuilder(clock(time));
      b.append(" in ").append(n(accepted)).append(" (rejected ").append(n(rejected)).append(')');
      b.append(" · alerts ").append(n(alerts));
      b.append(" · dead letters ").append(n(deadLetters));
      if (lag.isEmpty()) {
        b.append(" · lag: no consumer group yet");
      } else {
        List<String> parts = new ArrayList<>();
        lag.forEach((label, n) -> parts.add(label + " " + n(n)));
        b.append(" · lag ").append(String.join(", ", parts));
      }
      String logged = logged(log.totalWarnings(), log.totalErrors());
      if (!logged.isEmpty()) {
        b.append(" · ").append(logged).append(" in the log");
      }
      return b.toString();
    }
  }

  /**
   * The summary of what was logged in the last interval, or null when nothing was, e.g.
   * {@code 14:04:00 logged in the last minute: 1,204 warnings (1,200 PersonFlowsProcessor, 4 DeadLetterHandler); see DATA/logs/safehaven.log}.
   */
  public static String summaryLine(LocalTime time, LogCounts recent, String period, Path logFile) {
    String logged = logged(recent.totalWarnings(), recent.totalErrors());
    if (logged.isEmpty()) {
      return null;
    }
    return clock(time) + " logged in the last " + period + ": " + logged + " (" + recent.topSources(3) + "); see "
        + logFile;
  }

  private static String logged(long warnings, long errors) {
    List<String> parts = new ArrayList<>();
    if (errors > 0) {
      parts.add(n(errors) + (errors == 1 ? " error" : " errors"));
    }
    if (warnings > 0) {
      parts.add(n(warnings) + (warnings == 1 ? " warning" : " warnings"));
    }
    return String.join(", ", parts);
  }

  private static String clock(LocalTime time) {
    return CLOCK.format(time);
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The lag of one group: over the partitions it has committed, end offset less committed offset. Pure. */
  static long lag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> endOffsets) {
    long lag = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
      Long end = endOffsets.get(e.getKey());
      if (e.getValue() != null && end != null) {
        lag += Math.max(0, end - e.getValue().offset());
      }
    }
    return lag;
  }

  /** The sum of the end offsets of {@code topic}'s partitions; null when one is unknown. Pure. */
  static Long total(List<TopicPartition> partitions, Map<TopicPartition, Long> endOffsets) {
    if (partitions == null) {
      return null;
    }
    long sum = 0;
    for (TopicPartition tp : partitions) {
      Long end = endOffsets.get(tp);
      if (end == null) {
        return null;
      }
      sum += end;
    }
    return sum;
  }

  private final Settings settings;
  private final Supplier<LogCounts> logCounts;
  private final Admin admin;
  private final Map<String, List<TopicPartition>> partitions = new HashMap<>();
  private Long alertsBaseline;
  private Long deadLettersBaseline;
  private final Object lifecycle = new Object();
  private ScheduledExecutorService timer;
  private boolean closed;

  private StatusReporter(Settings settings, Supplier<LogCounts> logCounts, Admin admin) {
    this.settings = settings;
    this.logCounts = logCounts;
    this.admin = admin;
  }

  /**
   * Connects to Kafka and takes the baseline of the counted topics (alerts and dead letters count from here;
   * if Kafka does not answer now, from the first sample that succeeds): one describe and one listOffsets, no
   * group is asked yet. Prints nothing until {@link #start}.
   */
  public static StatusReporter open(Settings settings, Supplier<LogCounts> logCounts) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "safehaven-status");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    StatusReporter reporter = new StatusReporter(settings, logCounts, Admin.create(p));
    try {
      reporter.baseline();
    } catch (Exception e) {
      LOG.warn("the status line's baseline failed ({}); counting from the first sample that succeeds", e.toString());
    }
    return reporter;
  }

  private synchronized void baseline() throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    countedSinceBaseline(endOffsets(countedPartitions(deadline), deadline));
  }

  /** Takes one sample now. */
  public synchronized Status sample() throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    Set<TopicPartition> wanted = countedPartitions(deadline);
    Map<Group, Map<TopicPartition, OffsetAndMetadata>> committed = committed(deadline);
    committed.values().forEach(m -> wanted.addAll(m.keySet()));
    Map<TopicPartition, Long> ends = endOffsets(wanted, deadline);
    long[] counted = countedSinceBaseline(ends);
    Map<String, Long> lag = new LinkedHashMap<>();
    committed.forEach((g, offsets) -> lag.put(g.label(), lag(offsets, ends)));
    long[] ingest = producerSends(settings.ingestClientId(), Set.copyOf(settings.canonicalTopics()),
        settings.deadLettersTopic());
    return new Status(ingest[0], ingest[1], counted[0], counted[1], lag, logCounts.get());
  }

  /** The partitions of the alerts and dead-letter topics (each described once), in a new set. */
  private Set<TopicPartition> countedPartitions(long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> counted = new ArrayList<>(List.of(settings.alertsTopic(), settings.deadLettersTopic()));
    counted.removeIf(partitions::containsKey);
    if (!counted.isEmpty()) {
      Map<String, TopicDescription> described = admin.describeTopics(counted).allTopicNames()
          .get(remaining(deadline), TimeUnit.NANOSECONDS);
      described.forEach((name, d) -> partitions.put(name,
          d.partitions().stream().map(pi -> new TopicPartition(name, pi.partition())).toList()));
    }
    Set<TopicPartition> all = new HashSet<>();
    partitions.values().forEach(all::addAll);
    return all;
  }

  /** The committed offsets of the groups that have any, in the settings' order: one fetch for all groups. */
  private Map<Group, Map<TopicPartition, OffsetAndMetadata>> committed(long deadline)
      throws InterruptedException, TimeoutException {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    for (Group g : settings.groups()) {
      specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
    }
    ListConsumerGroupOffsetsResult fetched = admin.listConsumerGroupOffsets(specs);
    Map<Group, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
    for (Group g : settings.groups()) {
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = fetched.partitionsToOffsetAndMetadata(g.groupId())
            .get(remaining(deadline), TimeUnit.NANOSECONDS);
        offsets.values().removeIf(java.util.Objects::isNull);
        if (!offsets.isEmpty()) {
          committed.put(g, offsets);
        }
      } catch (ExecutionException e) {
        LOG.debug("no offsets for group {}: {}", g.groupId(), e.getCause().toString());
      }
    }
    return committed;
  }

  /** The end offsets of {@code partitions} (one listOffsets); a partition that has none is left out. */
  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, long deadline)
      throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    ListOffsetsResult listed = admin.listOffsets(latest);
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (TopicPartition tp : partitions) {
      try {
        ends.put(tp, listed.partitionResult(tp).get(remaining(deadline), TimeUnit.NANOSECONDS).offset());
      } catch (ExecutionException e) {
        LOG.debug("no end offset for {}: {}", tp, e.getCause().toString());
      }
    }
    return ends;
  }

  /**
   * {alerts, dead letters} written since the baseline; the first reading of a topic's every partition is its
   * baseline.
   */
  private long[] countedSinceBaseline(Map<TopicPartition, Long> ends) {
    Long alerts = total(partitions.get(settings.alertsTopic()), ends);
    Long deadLetters = total(partitions.get(settings.deadLettersTopic()), ends);
    if (alertsBaseline == null) {
      alertsBaseline = alerts;
    }
    if (deadLettersBaseline == null) {
      deadLettersBaseline = deadLetters;
    }
    return new long[] {alerts == null ? 0 : alerts - alertsBaseline,
        deadLetters == null ? 0 : deadLetters - deadLettersBaseline};
  }

  private static long remaining(long deadline) throws TimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new TimeoutException("Kafka did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
    }
    return left;
  }

  /**
   * What a producer of this JVM with client id {@code clientId} has sent: {records to {@code canonical} topics,
   * records to {@code deadLetters}}, from its metrics (record-send-total per topic). {0, 0} before it exists.
   */
  static long[] producerSends(String clientId, Set<String> canonical, String deadLetters) {
    long[] sent = new long[2];
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      for (ObjectName name : server.queryNames(new ObjectName("kafka.producer:type=producer-topic-metrics,*"), null)) {
        if (!clientId.equals(unquote(name.getKeyProperty("client-id")))) {
          continue;
        }
        String topic = unquote(name.getKeyProperty("topic"));
        Object value = server.getAttribute(name, "record-send-total");
        long n = value instanceof Number number ? (long) number.doubleValue() : 0;
        if (canonical.contains(topic)) {
          sent[0] += n;
        } else if (deadLetters.equals(topic)) {
          sent[1] += n;
        }
      }
    } catch (javax.management.JMException | RuntimeException e) {
      LOG.debug("cannot read the producer metrics of {}: {}", clientId, e.toString());
    }
    return sent;
  }

  private static String unquote(String value) {
    return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
  }

  /**
   * Prints a status line to {@code out} every {@code interval}, and every {@link #SUMMARY_EVERY} the sources of
   * what was logged at WARN and above meanwhile, naming {@code logFile}.
   */
  public void start(Duration interval, Consumer<String> out, Path logFile) {
    long every = interval.toMillis();
    if (every <= 0) {
      throw new IllegalArgumentException("the status interval must be positive: " + interval);
    }
    long summaryEvery = Math.max(1, SUMMARY_EVERY.toMillis() / every);
    long periodSeconds = summaryEvery * every / 1000;
    String period = periodSeconds == 60 ? "minute" : periodSeconds + " s";
    LogCounts[] lastSummary = {logCounts.get()};
    long[] ticks = {0};
    Runnable tick = () -> {
      try {
        out.accept(sample().line(LocalTime.now()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (TimeoutException e) {
        out.accept(clock(LocalTime.now()) + " status unavailable: "
            + (e.getMessage() == null ? "Kafka did not answer within " + CALL_TIMEOUT.toSeconds() + " s" : e.getMessage()));
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        out.accept(clock(LocalTime.now()) + " status unavailable: " + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
      }
      if (++ticks[0] % summaryEvery == 0) {
        LogCounts now = logCounts.get();
        String summary = summaryLine(LocalTime.now(), now.since(lastSummary[0]), period, logFile);
        lastSummary[0] = now;
        if (summary != null) {
          out.accept(summary);
        }
      }
    };
    synchronized (lifecycle) {
      if (timer != null) {
        throw new IllegalStateException("already started");
      }
      if (closed) {
        return; // stopped before it started (Ctrl-C during start-up)
      }
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "safehaven-status");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(tick, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      t = timer;
    }
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    admin.close(Duration.ofSeconds(5));
  }
}
