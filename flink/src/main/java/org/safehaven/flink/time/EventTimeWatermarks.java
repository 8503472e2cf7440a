package org.safehaven.flink.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.safehaven.flink.event.InputEvent;

/**
 * The job's event time. Each source split (a Kafka partition, a file) tracks the greatest event time it has
 * read; its watermark is that minus the <b>out-of-orderness bound</b>: an event up to the bound behind the
 * latest seen is still on time, and every decision waits for the watermark to pass its event's time.
 *
 * <p>The latency/correctness choice: the bound defaults to the policy's {@code allowedLateness} (24 h), which
 * is domain.md's own definition of how late an event may be and still count. A DELAYED_SHARING alert is then
 * correct and final when it is raised (alerts are never retracted) and waits at most the allowed lateness,
 * which domain.md permits ("never longer than the configured lateness"). A deployment wanting earlier alerts
 * sets a smaller bound; events later than the bound still update roles and statuses, and a disclosure that
 * arrives behind the watermark is still decided, with what is known then.
 *
 * <p>Quiet feeds (live mode only): when a split has read nothing for {@code quietAfter} of wall-clock time,
 * its watermark moves on with the wall clock from its last event, as if event time kept pace with real time
 * (it does, in a live feed, where an event's time is never after its arrival). So at night, with no events at
 * all, a pending decision is still made at most the bound after its event, and a quiet partition does not hold
 * the busy ones back. A split that has never read an event is marked idle after {@code quietAfter} (Flink's
 * own {@code withIdleness} is not used: it would stop the quiet advance half way and stall a quiet feed). In
 * replay the input is bounded and its end moves every watermark to the end of time, so the wall clock plays no
 * part and the results are the same however fast the replay runs.
 */
public final class EventTimeWatermarks {

  private EventTimeWatermarks() {
  }

  /**
   * @param bound      the out-of-orderness bound
   * @param quietAfter live mode: wall-clock silence after which the watermark advances with the clock; null
   *                   in replay mode (never)
   */
  public static WatermarkStrategy<InputEvent> strategy(Duration bound, Duration quietAfter) {
    long boundMillis = bound.toMillis();
    long quietMillis = quietAfter == null ? -1 : quietAfter.toMillis();
    return WatermarkStrategy
        .<InputEvent>forGenerator(ctx -> new Generator(boundMillis, quietMillis, SystemClock.INSTANCE))
        .withTimestampAssigner((e, previous) -> e.time);
  }

  /** The wall clock, replaceable in tests. */
  public interface WallClock extends Serializable {
    long millis();
  }

  enum SystemClock implements WallClock {
    INSTANCE;

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }
  }

  /** Bounded out-of-orderness with the quiet-feed advance; one per source split. */
  public static final class Generator implements WatermarkGenerator<InputEvent> {
    private final long bound;
    private final long quietAfter;
    private final WallClock clock;
    private long maxTime = Long.MIN_VALUE;
    private long lastEventWall;
    private long emitted = Long.MIN_VALUE;

    public Generator(long boundMillis, long quietAfterMillis, WallClock clock) {
      this.bound = boundMillis;
      this.quietAfter = quietAfterMillis;
      this.clock = clock;
      this.lastEventWall = clock.millis();
    }

    @Override
    public void onEvent(InputEvent event, long timestamp, WatermarkOutput output) {
      if (event.kind == InputEvent.Kind.REJECTED) {
        return; // a rejected record's "time" is when it was rejected, not an event time
      }
      if (maxTime == Long.MIN_VALUE && quietAfter >= 0) {
        output.markActive();
      }
      if (timestamp > maxTime) {
        maxTime = timestamp;
      }
      if (quietAfter >= 0) {
        lastEventWall = clock.millis();
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      long silence = quietAfter >= 0 ? clock.millis() - lastEventWall : 0;
      if (maxTime == Long.MIN_VALUE) {
        if (quietAfter >= 0 && silence > quietAfter) {
          output.markIdle(); // an empty partition must not hold the others back
        }
        return;
      }
      long wm = maxTime - bound - 1;
      if (quietAfter >= 0 && silence > quietAfter) {
        wm += silence;
      }
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }
  }
}
