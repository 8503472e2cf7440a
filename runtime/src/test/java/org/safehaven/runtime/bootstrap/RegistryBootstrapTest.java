package org.safehaven.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
