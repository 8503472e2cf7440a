package org.safehaven.flink.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.safehaven.flink.event.InputEvent;

/**
 * The job's event time. Each source split (a Kafka partition, a file) tracks the greatest event time it has
 * read; its watermark is that minus the <b>out-of-orderness bound</b>: an event up to the bound behind the
 * latest seen is still on time, and every decision waits for the watermark to pass its event's time.
 *
 * <p>The bound defaults to the policy's {@code allowedLateness} (24 h), the disorder expected within one feed.
 * Live, the job writes daily flow metrics, whose windows close when the watermark passes a day's end; in
 * replay the end of the input ends event time, so every decision (the rules, when the job decides them) is
 * made with everything known. Events later than the bound still update roles and statuses, and a disclosure
 * that arrives behind the watermark is still decided, with what is known then.
 *
 * <p>Quiet partitions and quiet feeds (live mode only). A split that has read nothing for {@code quietAfter}
 * of wall-clock time is <i>caught up</i>: anything it reads later arrives after now, so it is as far along in
 * event time as the feed, i.e. the latest event any split of this reader has read. Its watermark then follows
 * that feed time instead of its own last event, so a quiet partition does not hold the busy ones back (the
 * meaning of Flink's idleness). When the whole feed has been quiet for {@code quietAfter}, event time moves on
 * with the wall clock from the feed's latest event (in a live feed event time keeps pace with real time), so at
 * night, with no events at all, a pending decision is still made at most the bound after its event.
 *
 * <p>Why the feed time and not the split's own: a split's own last event may be days of event time behind the
 * feed's (a sparse topic such as case statuses, or any partition after a backlog was read at once: a restart
 * after downtime, a file ingested into the live topics). Following the wall clock from its own last event would
 * hold every decision after that event back for as long in real time as the gap is in event time. (Flink's own
 * {@code withIdleness} is not used: with every split idle it stops the watermark and stalls a quiet feed.)
 *
 * <p>The contract this needs: the feed is one reader's (the live source runs with parallelism 1, see
 * {@link org.safehaven.flink.DeferralJob}), and {@code quietAfter} is longer than any fetch stall of a partition
 * that still has unread records (a stalled split would otherwise be taken for caught up and its remaining
 * records judged late). A split that has never read an event is marked idle after {@code quietAfter}; it never
 * adopts the feed time, because the same supplier also makes the generator of the reader's main output, which
 * reads nothing and must not emit a watermark past the splits'. In replay the input is bounded and its end moves
 * every watermark to the end of time, so the wall clock plays no part and the results are the same however fast
 * the replay runs.
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
    return strategy(bound, quietAfter, SystemClock.INSTANCE);
  }

  /** As {@link #strategy(Duration, Duration)}, on a given wall clock (tests). */
  static WatermarkStrategy<InputEvent> strategy(Duration bound, Duration quietAfter, WallClock clock) {
    long boundMillis = bound.toMillis();
    long quietMillis = quietAfter == null ? -1 : quietAfter.toMillis();
    return WatermarkStrategy
        .<InputEvent>forGenerator(new PerReader(boundMillis, quietMillis, clock))
        .withTimestampAssigner((e, previous) -> e.time);
  }

  /**
   * Makes the generators of one source reader, all sharing one {@link Feed}. Each source subtask deserialises
   * its own copy of the strategy, so a feed never spans two readers.
   */
  static final class PerReader implements WatermarkGeneratorSupplier<InputEvent> {
    private static final long serialVersionUID = 1L;
    private final long boundMillis;
    private final long quietAfterMillis;
    private final WallClock clock;
    private transient Feed feed;

    PerReader(long boundMillis, long quietAfterMillis, WallClock clock) {
      this.boundMillis = boundMillis;
      this.quietAfterMillis = quietAfterMillis;
      this.clock = clock;
    }

    @Override
    public WatermarkGenerator<InputEvent> createWatermarkGenerator(Context context) {
      if (feed == null) {
        feed = new Feed(clock);
      }
      return new Generator(boundMillis, quietAfterMillis, clock, feed);
    }
  }

  /**
   * What the splits of one reader have read together: the latest event time and the wall-clock time of the
   * latest read. Used from the source task's thread only.
   */
  public static final class Feed {
    private long maxTime = Long.MIN_VALUE;
    private long lastEventWall;

    public Feed(WallClock clock) {
      this.lastEventWall = clock.millis();
    }

    void read(long timestamp, long wall) {
      if (timestamp > maxTime) {
        maxTime = timestamp;
      }
      lastEventWall = wall;
    }
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

  /** Bounded out-of-orderness with the quiet-partition and quiet-feed advance; one per source split. */
  public static final class Generator implements WatermarkGenerator<InputEvent> {
    private final long bound;
    private final long quietAfter;
    private final WallClock clock;
    private final Feed feed;
    private long maxTime = Long.MIN_VALUE;
    private long lastEventWall;
    private long emitted = Long.MIN_VALUE;

    /** A split that is a feed of its own. */
    public Generator(long boundMillis, long quietAfterMillis, WallClock clock) {
      this(boundMillis, quietAfterMillis, clock, new Feed(clock));
    }

    public Generator(long boundMillis, long quietAfterMillis, WallClock clock, Feed feed) {
      this.bound = boundMillis;
      this.quietAfter = quietAfterMillis;
      this.clock = clock;
      this.feed = feed;
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
        feed.read(timestamp, lastEventWall);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      boolean quiet = quietAfter >= 0 && clock.millis() - lastEventWall > quietAfter;
      if (maxTime == Long.MIN_VALUE) {
        if (quiet) {
          output.markIdle(); // an empty partition must not hold the others back
        }
        return;
      }
      long wm = maxTime - bound - 1;
      if (quiet) {
        wm = Math.max(wm, feed.maxTime - bound - 1); // caught up: as far along as the feed
        long feedSilence = clock.millis() - feed.lastEventWall;
        if (feedSilence > quietAfter) {
          wm += feedSilence; // the whole feed is quiet: event time keeps pace with the wall clock
        }
      }
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }
  }
}
