package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitDoublesUpToTheMaximumAndResetsAfterASuccess() {
    Backoff b = new Backoff(100, 1000);
    assertThat(b.ready(0)).isTrue();
    assertThat(b.failed(0)).isEqualTo(100);
    assertThat(b.ready(99)).isFalse();
    assertThat(b.ready(100)).isTrue();
    assertThat(b.failed(100)).isEqualTo(200);
    assertThat(b.failed(300)).isEqualTo(400);
    assertThat(b.failed(700)).isEqualTo(800);
    assertThat(b.failed(1500)).isEqualTo(1000);
    assertThat(b.failuresInARow()).isEqualTo(5);
    b.succeeded();
    assertThat(b.failed(3000)).isEqualTo(100);
  }

  @Test
  void contradictorySettingsAreRefused() {
    assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(100, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
