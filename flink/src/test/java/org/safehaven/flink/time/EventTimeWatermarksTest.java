package org.safehaven.flink.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import org.safehaven.flink.event.InputEvent;

class EventTimeWatermarksTest {

  private static final class Out implements WatermarkOutput {
    final List<Long> marks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark w) {
      marks.add(w.getTimestamp());
    }

    @Override
    public void markIdle() {
    }

    @Override
    public void markActive() {
    }
  }

  private static InputEvent at(long t) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.DISCLOSURE;
    e.time = t;
    return e;
  }

  @Test
  void theWatermarkTrailsTheLatestEventByTheBoundAndNeverGoesBack() {
    EventTimeWatermarks.Generator g = new EventTimeWatermarks.Generator(1000, -1, () -> 0L);
    Out out = new Out();
    g.onEvent(at(5000), 5000, out);
    g.onPeriodicEmit(out);
    g.onEvent(at(4000), 4000, out);
    g.onPeriodicEmit(out);
    g.onEvent(at(9000), 9000, out);
    g.onPeriodicEmit(out);

    assertThat(out.marks).containsExactly(3999L, 7999L);
  }

  @Test
  void inLiveModeAQuietFeedLetsTheWatermarkFollowTheWallClockFromItsLastEvent() {
    AtomicLong wall = new AtomicLong(1_000_000);
    EventTimeWatermarks.Generator g = new EventTimeWatermarks.Generator(60_000, 30_000, wall::get);
    Out out = new Out();
    g.onEvent(at(500_000), 500_000, out);
    wall.addAndGet(10_000);
    g.onPeriodicEmit(out);
    assertThat(out.marks).containsExactly(439_999L);

    wall.addAndGet(30_000); // 40 s of silence
    g.onPeriodicEmit(out);
    wall.addAndGet(60_000);
    g.onPeriodicEmit(out);

    assertThat(out.marks).containsExactly(439_999L, 479_999L, 539_999L);
  }

  @Test
  void inLiveModeAPartitionThatNeverSawAnEventIsMarkedIdleOnceQuiet() {
    AtomicLong wall = new AtomicLong(0);
    boolean[] idle = {false};
    EventTimeWatermarks.Generator g = new EventTimeWatermarks.Generator(60_000, 30_000, wall::get);
    WatermarkOutput out = new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark w) {
      }

      @Override
      public void markIdle() {
        idle[0] = true;
      }

      @Override
      public void markActive() {
        idle[0] = false;
      }
    };
    g.onPeriodicEmit(out);
    assertThat(idle[0]).isFalse();
    wall.addAndGet(31_000);
    g.onPeriodicEmit(out);
    assertThat(idle[0]).isTrue();
    g.onEvent(at(1), 1, out);
    assertThat(idle[0]).isFalse();
  }

  @Test
  void inLiveModeAQuietPartitionFollowsTheFeedsLatestEventSoItDoesNotHoldABusyOneBack() {
    AtomicLong wall = new AtomicLong(1_000_000);
    EventTimeWatermarks.Feed feed = new EventTimeWatermarks.Feed(wall::get);
    EventTimeWatermarks.Generator sparse = new EventTimeWatermarks.Generator(60_000, 30_000, wall::get, feed);
    EventTimeWatermarks.Generator busy = new EventTimeWatermarks.Generator(60_000, 30_000, wall::get, feed);
    Out sparseOut = new Out();
    sparse.onEvent(at(100_000), 100_000, sparseOut);
    long day = 86_400_000L;
    for (int i = 1; i <= 40; i++) { // the busy partition reads on, a day of event time per wall-clock second
      wall.addAndGet(1_000);
      busy.onEvent(at(i * day), i * day, new Out());
    }
    sparse.onPeriodicEmit(sparseOut);

    assertThat(sparseOut.marks).containsExactly(40 * day - 60_001);
  }

  @Test
  void inLiveModeAQuietFeedMovesOnFromItsLatestEventNotFromEachPartitionsOwnLastEvent() {
    AtomicLong wall = new AtomicLong(1_000_000);
    EventTimeWatermarks.Feed feed = new EventTimeWatermarks.Feed(wall::get);
    EventTimeWatermarks.Generator behind = new EventTimeWatermarks.Generator(1_000, 2_000, wall::get, feed);
    EventTimeWatermarks.Generator ahead = new EventTimeWatermarks.Generator(1_000, 2_000, wall::get, feed);
    long day = 86_400_000L;
    // A backlog read at once: one partition's last event is ten days of event time behind another's.
    behind.onEvent(at(day), day, new Out());
    ahead.onEvent(at(11 * day), 11 * day, new Out());
    wall.addAndGet(5_000);
    Out behindOut = new Out();
    Out aheadOut = new Out();
    behind.onPeriodicEmit(behindOut);
    ahead.onPeriodicEmit(aheadOut);

    assertThat(behindOut.marks).containsExactly(11 * day - 1_001 + 5_000);
    assertThat(aheadOut.marks).containsExactly(11 * day - 1_001 + 5_000);
  }

  @Test
  void inLiveModeAnOutputThatNeverReadAnEventNeverAdoptsTheFeedsTimeButGoesIdle() {
    AtomicLong wall = new AtomicLong(0);
    EventTimeWatermarks.Feed feed = new EventTimeWatermarks.Feed(wall::get);
    EventTimeWatermarks.Generator reading = new EventTimeWatermarks.Generator(1_000, 2_000, wall::get, feed);
    EventTimeWatermarks.Generator empty = new EventTimeWatermarks.Generator(1_000, 2_000, wall::get, feed);
    reading.onEvent(at(500_000), 500_000, new Out());
    wall.addAndGet(10_000);
    List<String> calls = new ArrayList<>();
    empty.onPeriodicEmit(new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark w) {
        calls.add("watermark " + w.getTimestamp());
      }

      @Override
      public void markIdle() {
        calls.add("idle");
      }

      @Override
      public void markActive() {
        calls.add("active");
      }
    });

    assertThat(calls).containsExactly("idle");
  }

  @Test
  void inReplayTheWallClockPlaysNoPart() {
    AtomicLong wall = new AtomicLong(0);
    EventTimeWatermarks.Generator g = new EventTimeWatermarks.Generator(60_000, -1, wall::get);
    Out out = new Out();
    g.onEvent(at(500_000), 500_000, out);
    wall.addAndGet(10_000_000);
    g.onPeriodicEmit(out);

    assertThat(out.marks).containsExactly(439_999L);
  }
}
