package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private final TopicPartition p0 = new TopicPartition("t", 0);
  private final TopicPartition p1 = new TopicPartition("t", 1);

  @Test
  void commitStopsAtTheLowestUnacknowledgedOffsetWhateverOrderAcksArriveIn() {
    OffsetTracker t = new OffsetTracker();
    for (long o = 10; o < 15; o++) {
      t.track(p0, o);
    }
    t.ack(p0, 13);
    t.ack(p0, 11);
    assertThat(t.committable()).as("offset 10 is still outstanding: nothing moves past it")
        .containsEntry(p0, new OffsetAndMetadata(10));
    t.ack(p0, 10);
    assertThat(t.committable()).containsEntry(p0, new OffsetAndMetadata(12));
    t.ack(p0, 12);
    t.ack(p0, 14);
    assertThat(t.committable()).containsEntry(p0, new OffsetAndMetadata(15));
    assertThat(t.pending()).isZero();
  }

  @Test
  void committedPositionsAreNotOfferedAgainUntilTheyMove() {
    OffsetTracker t = new OffsetTracker();
    t.track(p0, 0);
    t.ack(p0, 0);
    Map<TopicPartition, OffsetAndMetadata> first = t.committable();
    t.committed(first);
    assertThat(t.committable()).isEmpty();
    t.track(p0, 1);
    t.ack(p0, 1);
    assertThat(t.committable()).containsEntry(p0, new OffsetAndMetadata(2));
  }

  @Test
  void skippedRecordsMoveThePositionWithoutBeingAwaited() {
    OffsetTracker t = new OffsetTracker();
    t.skip(p0, 0);
    t.skip(p0, 1);
    assertThat(t.pending()).isZero();
    assertThat(t.committable()).containsEntry(p0, new OffsetAndMetadata(2));
  }

  @Test
  void partitionsAreIndependentAndForgottenOnesIgnoreLateAcks() {
    OffsetTracker t = new OffsetTracker();
    t.track(p0, 5);
    t.track(p1, 7);
    assertThat(t.pending(List.of(p1))).isEqualTo(1);
    t.forget(List.of(p1));
    t.ack(p1, 7);
    assertThat(t.pending()).isEqualTo(1);
    assertThat(t.isPending(p1, 7)).isFalse();
    assertThat(t.committable()).doesNotContainKey(p1);
    assertThat(t.committable(List.of(p0))).containsEntry(p0, new OffsetAndMetadata(5));
  }

  @Test
  void trackingTheSameOffsetTwiceNeedsOneAck() {
    OffsetTracker t = new OffsetTracker();
    t.track(p0, 3);
    t.track(p0, 3);
    assertThat(t.pending()).isEqualTo(1);
    t.ack(p0, 3);
    assertThat(t.pending()).isZero();
  }
}
