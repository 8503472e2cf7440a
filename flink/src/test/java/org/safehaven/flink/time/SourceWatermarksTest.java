package org.safehaven.flink.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.streaming.api.operators.source.TimestampsAndWatermarks;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.io.PushingAsyncDataInput;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;
import org.safehaven.flink.event.InputEvent;

/**
 * The job's live watermark strategy inside Flink's own source-side event-time logic (the per-split outputs and
 * their merge that a {@code SourceOperator} uses, and the reader's main output, whose generator comes from the
 * same supplier), with a controlled wall clock. This is the situation of a live job restored mid-stream: the
 * backlog of every partition is read at once, and a sparse partition's last event is days of event time
 * before the feed's.
 */
class SourceWatermarksTest {

  private static final long DAY = 86_400_000L;
  private static final long BOUND = 1_000;
  private static final long QUIET = 2_000;

  private final AtomicLong wall = new AtomicLong(1_000_000);
  private final List<Long> watermarks = new ArrayList<>();
  private final TimestampsAndWatermarks<InputEvent> logic = TimestampsAndWatermarks.createProgressiveEventTimeLogic(
      EventTimeWatermarks.strategy(Duration.ofMillis(BOUND), Duration.ofMillis(QUIET), wall::get),
      new UnregisteredMetricsGroup(), new TestProcessingTimeService(), 200, SystemClock.getInstance(),
      SystemClock.getInstance(), UnregisteredMetricGroups.createUnregisteredTaskMetricGroup().getIOMetricGroup());
  private final ReaderOutput<InputEvent> reader = logic.createMainOutput(new Downstream(), new NoListener());

  @Test
  void aQuietFeedRestoredMidStreamPassesEveryPartitionsLastEventNotOnlyTheSparsestOnes() {
    SourceOutput<InputEvent> sparse = reader.createOutputForSplit("disclosures-2");
    SourceOutput<InputEvent> busy = reader.createOutputForSplit("pnc-queries-2");
    sparse.collect(at(DAY));
    for (int d = 1; d <= 11; d++) {
      busy.collect(at(d * DAY));
    }
    tick(0);
    assertThat(last()).as("while both read, the sparse partition holds the watermark").isEqualTo(DAY - BOUND - 1);

    tick(5_000); // nothing more arrives: the whole feed is quiet

    assertThat(last()).isGreaterThan(11 * DAY).isEqualTo(11 * DAY - BOUND - 1 + 5_000);
  }

  @Test
  void aQuietPartitionDoesNotHoldABusyOneBackButABusyOneStillHoldsTheWatermarkAtItsOwnProgress() {
    SourceOutput<InputEvent> sparse = reader.createOutputForSplit("case-status-1");
    SourceOutput<InputEvent> slow = reader.createOutputForSplit("crime-reports-0");
    SourceOutput<InputEvent> fast = reader.createOutputForSplit("pnc-queries-0");
    sparse.collect(at(DAY));
    for (int s = 1; s <= 5; s++) { // one wall-clock second at a time: the two busy partitions keep reading
      wall.addAndGet(1_000);
      slow.collect(at((1 + s) * DAY));
      fast.collect(at((5 + s) * DAY));
      logic.emitImmediateWatermark(wall.get());
    }

    assertThat(last()).as("the quiet partition no longer counts; the slower busy one does")
        .isEqualTo(6 * DAY - BOUND - 1);
  }

  @Test
  void anEmptyPartitionAndTheReadersMainOutputNeverRunAheadOfAPartitionThatIsReading() {
    reader.createOutputForSplit("disclosures-0"); // never reads anything
    SourceOutput<InputEvent> reading = reader.createOutputForSplit("pnc-queries-1");
    for (int s = 1; s <= 5; s++) {
      wall.addAndGet(1_000);
      reading.collect(at(s * DAY));
      logic.emitImmediateWatermark(wall.get());
    }

    assertThat(last()).isEqualTo(5 * DAY - BOUND - 1);
  }

  private void tick(long millis) {
    wall.addAndGet(millis);
    logic.emitImmediateWatermark(wall.get());
  }

  private long last() {
    assertThat(watermarks).as("watermarks emitted").isNotEmpty();
    return watermarks.get(watermarks.size() - 1);
  }

  private static InputEvent at(long t) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.DISCLOSURE;
    e.time = t;
    return e;
  }

  private final class Downstream implements PushingAsyncDataInput.DataOutput<InputEvent> {
    @Override
    public void emitRecord(StreamRecord<InputEvent> r) {
    }

    @Override
    public void emitWatermark(Watermark w) {
      watermarks.add(w.getTimestamp());
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus s) {
    }

    @Override
    public void emitLatencyMarker(LatencyMarker m) {
    }

    @Override
    public void emitRecordAttributes(RecordAttributes a) {
    }

    @Override
    public void emitWatermark(WatermarkEvent w) {
    }
  }

  private static final class NoListener implements TimestampsAndWatermarks.WatermarkUpdateListener {
    @Override
    public void updateIdle(boolean idle) {
    }

    @Override
    public void updateCurrentEffectiveWatermark(long watermark) {
    }

    @Override
    public void updateCurrentSplitWatermark(String splitId, long watermark) {
    }

    @Override
    public void updateCurrentSplitIdle(String splitId, boolean idle) {
    }

    @Override
    public void splitFinished(String splitId) {
    }
  }
}
