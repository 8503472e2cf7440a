package org.safehaven.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.topic.Topics;
import org.safehaven.runtime.logging.LogCounts;

class StatusReporterTest {

  private static final TopicPartition A0 = new TopicPartition("a", 0);
  private static final TopicPartition A1 = new TopicPartition("a", 1);
  private static final TopicPartition B0 = new TopicPartition("b", 0);

  @Test
  void theLineIsCompactWithThousandsSeparatorsAndTheGroupsInOrder() {
    Map<String, Long> lag = new LinkedHashMap<>();
    lag.put("streams", 0L);
    lag.put("flink", 0L);
    lag.put("indexer", 12L);
    StatusReporter.Status s = new StatusReporter.Status(12_345, 3, 42, 3, lag,
        new LogCounts(Map.of("org.safehaven.streams.X", 17L), Map.of()));

    assertThat(s.line(LocalTime.of(14, 3, 5))).isEqualTo(
        "14:03:05 in 12,345 (rejected 3) · alerts 42 · dead letters 3 · lag streams 0, flink 0, indexer 12"
            + " · 17 warnings in the log");
  }

  @Test
  void nothingLoggedSaysNothingAndNoGroupSaysSo() {
    StatusReporter.Status s = new StatusReporter.Status(0, 0, 0, 0, Map.of(), LogCounts.NONE);
    assertThat(s.line(LocalTime.of(9, 0, 0)))
        .isEqualTo("09:00:00 in 0 (rejected 0) · alerts 0 · dead letters 0 · lag: no consumer group yet");
    StatusReporter.Status one = new StatusReporter.Status(1, 0, 0, 0, Map.of("streams", 1_000_000L),
        new LogCounts(Map.of("x", 1L), Map.of("y", 1L)));
    assertThat(one.line(LocalTime.of(9, 0, 0))).endsWith("lag streams 1,000,000 · 1 error, 1 warning in the log");
  }

  @Test
  void theSummaryNamesTheSourcesAndTheFileOrIsNullWhenNothingWasLogged() {
    Path file = Path.of("/data/logs/safehaven.log");
    assertThat(StatusReporter.summaryLine(LocalTime.of(14, 4, 0), LogCounts.NONE, "minute", file)).isNull();
    assertThat(StatusReporter.summaryLine(LocalTime.of(14, 4, 0),
        new LogCounts(Map.of("org.safehaven.streams.person.PersonFlowsProcessor", 1_200L, "a.DeadLetterHandler", 4L),
            Map.of()), "minute", file))
        .isEqualTo("14:04:00 logged in the last minute: 1,204 warnings (1,200 PersonFlowsProcessor, "
            + "4 DeadLetterHandler); see /data/logs/safehaven.log");
  }

  @Test
  void lagIsEndLessCommittedOverTheCommittedPartitions() {
    Map<TopicPartition, OffsetAndMetadata> committed = Map.of(A0, new OffsetAndMetadata(10), A1,
        new OffsetAndMetadata(7), B0, new OffsetAndMetadata(3));
    // B0's end is unknown (deleted topic): left out. A committed offset beyond the end (truncation) counts 0.
    Map<TopicPartition, Long> ends = Map.of(A0, 15L, A1, 5L);
    assertThat(StatusReporter.lag(committed, ends)).isEqualTo(5);
    assertThat(StatusReporter.lag(Map.of(), ends)).isZero();
  }

  @Test
  void aTopicsTotalNeedsEveryPartitionsEnd() {
    assertThat(StatusReporter.total(List.of(A0, A1), Map.of(A0, 3L, A1, 4L))).isEqualTo(7);
    assertThat(StatusReporter.total(List.of(A0, A1), Map.of(A0, 3L))).isNull();
    assertThat(StatusReporter.total(null, Map.of())).isNull();
  }

  @Test
  void thePlatformsGroupsAreIngestStreamsFlinkAndIndexerFromTheConfiguration() {
    SafeHavenConfig config = ConfigLoader.fromSystemEnvironment().load(null, List.of());
    StatusReporter.Settings s = StatusReporter.Settings.platform(config, "127.0.0.1:9092");
    assertThat(s.groups()).extracting(StatusReporter.Group::label).containsExactly("ingest", "streams", "flink", "indexer");
    assertThat(s.groups()).extracting(StatusReporter.Group::groupId).containsExactly(
        config.ingest().rawTopicGroupId(), config.streams().applicationId(), FlinkJob.GROUP_ID,
        config.indexer().groupId());
    assertThat(s.ingestClientId()).isEqualTo("safehaven-ingest");
    assertThat(s.alertsTopic()).isEqualTo(Topics.ALERTS.name());
    assertThat(s.canonicalTopics()).hasSize(Topics.CANONICAL.size());
  }

  @Test
  void ingestsCountsAreWhatItsProducerSentToTheCanonicalAndDeadLetterTopics() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    List<ObjectName> names = List.of(
        metric("status-test-ingest", "safehaven.crime-reports", 10),
        metric("status-test-ingest", "safehaven.disclosures", 5),
        metric("status-test-ingest", "safehaven.dead-letters", 2),
        metric("status-test-other", "safehaven.crime-reports", 100));
    try {
      long[] sent = StatusReporter.producerSends("status-test-ingest",
          Set.of("safehaven.crime-reports", "safehaven.disclosures"), "safehaven.dead-letters");
      assertThat(sent).containsExactly(15, 2);
      assertThat(StatusReporter.producerSends("status-test-nobody", Set.of("safehaven.crime-reports"),
          "safehaven.dead-letters")).containsExactly(0, 0);
    } finally {
      for (ObjectName n : names) {
        server.unregisterMBean(n);
      }
    }
  }

  /** A stand-in for a Kafka producer's topic metric, as its JmxReporter registers it. */
  private static ObjectName metric(String clientId, String topic, double sent) throws Exception {
    ObjectName name = new ObjectName("kafka.producer:type=producer-topic-metrics,client-id=" + clientId
        + ",topic=" + topic);
    DynamicMBean bean = new DynamicMBean() {
      @Override
      public Object getAttribute(String attribute) {
        return "record-send-total".equals(attribute) ? sent : null;
      }

      @Override
      public void setAttribute(Attribute attribute) {}

      @Override
      public AttributeList getAttributes(String[] attributes) {
        return new AttributeList();
      }

      @Override
      public AttributeList setAttributes(AttributeList attributes) {
        return attributes;
      }

      @Override
      public Object invoke(String actionName, Object[] params, String[] signature) {
        return null;
      }

      @Override
      public MBeanInfo getMBeanInfo() {
        return new MBeanInfo(getClass().getName(), "test metric", null, null, null, null);
      }
    };
    ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
    return name;
  }
}
