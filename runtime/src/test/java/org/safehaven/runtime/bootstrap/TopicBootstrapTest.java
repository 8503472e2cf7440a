package org.safehaven.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.safehaven.core.config.SafeHavenConfig.TopicOverride;
import org.safehaven.core.config.SafeHavenConfig.TopicSettings;
import org.safehaven.core.topic.Topics;

class TopicBootstrapTest {

  private static NewTopic named(List<NewTopic> plan, String name) {
    return plan.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyPlatformTopicIsPlannedWithTheDefaultPartitionsAndReplication() {
    List<NewTopic> plan = TopicBootstrap.plan(Topics.ALL, new TopicSettings(3, 0, (short) 1, Map.of()));
    assertThat(plan).extracting(NewTopic::name)
        .containsExactlyElementsOf(Topics.ALL.stream().map(t -> t.name()).toList());
    assertThat(plan).allSatisfy(t -> {
      assertThat(t.numPartitions()).isEqualTo(3);
      assertThat(t.replicationFactor()).isEqualTo((short) 1);
    });
  }

  @Test
  void retentionZeroMeansKeepForever() {
    NewTopic t = named(TopicBootstrap.plan(Topics.ALL, new TopicSettings(3, 0, (short) 1, Map.of())),
        Topics.DISCLOSURES.name());
    assertThat(t.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
  }

  @Test
  void overridesSetPartitionsAndRetentionInHoursOfOneTopic() {
    TopicSettings settings = new TopicSettings(3, 24, (short) 1,
        Map.of(Topics.EVENTS_RAW.name(), new TopicOverride(6, 2L)));
    List<NewTopic> plan = TopicBootstrap.plan(Topics.ALL, settings);

    assertThat(named(plan, Topics.EVENTS_RAW.name()).numPartitions()).isEqualTo(6);
    assertThat(named(plan, Topics.EVENTS_RAW.name()).configs()).containsEntry("retention.ms", "7200000");
    assertThat(named(plan, Topics.ALERTS.name()).configs()).containsEntry("retention.ms", "86400000");
  }

  @Test
  void compactedTopicsAreTablesWithoutTimeRetention() {
    NewTopic roles = named(TopicBootstrap.plan(Topics.ALL, new TopicSettings(3, 24, (short) 1, Map.of())),
        Topics.PERSON_ROLES.name());
    assertThat(roles.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
  }
}
