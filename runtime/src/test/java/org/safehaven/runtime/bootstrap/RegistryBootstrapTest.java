package org.safehaven.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.topic.Topics;

class RegistryBootstrapTest {

  @Test
  void everyTopicWithAvroValuesGetsItsValueSubjectAndRawTopicsNone() {
    var subjects = RegistryBootstrap.subjects(Topics.ALL);
    assertThat(subjects).extracting(RegistryBootstrap.Subject::name)
        .contains(Topics.DISCLOSURES.valueSubject(), Topics.ALERTS.valueSubject())
        .doesNotContain(Topics.EVENTS_RAW.valueSubject());
    assertThat(subjects).hasSize((int) Topics.ALL.stream().filter(t -> t.valueType() != null).count());
    assertThat(subjects).allSatisfy(s -> assertThat(s.schema()).isNotNull());
  }

  @Test
  void applySetsTheCompatibilityAndRegistersEverySubject() {
    try (var registry = new InMemorySchemaRegistryClient()) {
      Map<String, Integer> ids = RegistryBootstrap.apply(registry, "BACKWARD", RegistryBootstrap.subjects(Topics.ALL));

      assertThat(registry.getCompatibility()).isEqualTo("BACKWARD");
      assertThat(ids).containsOnlyKeys(RegistryBootstrap.subjects(Topics.ALL).stream()
          .map(RegistryBootstrap.Subject::name).toList());
      ids.forEach((subject, id) -> assertThat(registry.latest(subject).id()).isEqualTo(id));
    }
  }

  @Test
  void applyingTwiceKeepsTheSameIds() {
    try (var registry = new InMemorySchemaRegistryClient()) {
      var subjects = RegistryBootstrap.subjects(Topics.ALL);
      assertThat(RegistryBootstrap.apply(registry, "BACKWARD", subjects))
          .isEqualTo(RegistryBootstrap.apply(registry, "BACKWARD", subjects));
    }
  }
}
