package org.safehaven.generator.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.safehaven.generator.world.Ev;
import org.safehaven.generator.world.Ids;
import org.safehaven.generator.world.Rng;

/**
 * Turns the world's slices into lines: assigns eventIds in event-time order, plants duplicates, applies the
 * bounded shuffle, slips in bad lines, renders JSON, counts, and hands the answer key the lines it needs.
 *
 * <p>Arrival order: each event (and each duplicate) is given an arrival key = event time + a jitter drawn
 * uniformly from [0, shuffleHours]; lines are written in arrival-key order. An event can therefore arrive
 * after events up to {@code shuffleHours} later than itself and never more, so with {@code shuffleHours}
 * no greater than the policy's allowedLateness no event is ever late. With no shuffle the order is exactly
 * event time (ties by creation). Only events of the current day and those whose jitter carries them into
 * the next slice are held.
 *
 * <p>Everything that does not change the world (jitter, duplicates, bad lines) draws from its own random
 * streams and identifier series, so the valid events, their eventIds and the answer key are the same
 * whatever the shuffle, duplicate share and bad share.
 */
public final class OutputStage {

  /** Where rendered lines go. */
  public interface LineOut {
    /** A valid event (or a duplicate of one): {@code len} bytes of UTF-8 JSON, no terminator. */
    void line(byte[] utf8, int len) throws IOException;

    void badLine(String line) throws IOException;

    void flush() throws IOException;
  }

  /** Holds a line back until its time has come (live mode); file mode never waits. */
  @FunctionalInterface
  public interface Pacer {
    void awaitTime(long epochSecond) throws InterruptedException;

    Pacer NONE = t -> { };
  }

  public record Settings(long seed, double duplicateShare, int shuffleHours, double badShare) {
    public Settings {
      if (!(duplicateShare >= 0 && duplicateShare <= 0.5) || !(badShare >= 0 && badShare <= 0.5) || shuffleHours < 0) {
        throw new IllegalArgumentException("duplicate and bad shares must be in [0, 0.5], shuffle hours not negative");
      }
    }
  }

  private record Slot(long key, long seq, Ev ev) {
  }

  private final Settings settings;
  private final Ids ids;
  private final BadLines bad;
  private final LineOut out;
  private final Consumer<byte[]> relevant;
  private final Pacer pacer;
  private final SplittableRandom jitter;
  private final SplittableRandom dups;
  private final SplittableRandom badRng;
  private final double badPerLine;
  private final PriorityQueue<Slot> queue = new PriorityQueue<>((a, b) -> {
    int c = Long.compare(a.key, b.key);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private final EventJson json = new EventJson();
  private final Buf buf = new Buf();
  private final JsonGenerator gen;
  private final Counts counts = new Counts();
  private long seq;
  private long maxTimeWritten = Long.MIN_VALUE;

  /**
   * @param relevant receives a copy of every line of an event the answer key needs (null: no key)
   */
  public OutputStage(Settings settings, Ids ids, BadLines bad, LineOut out, Consumer<byte[]> relevant, Pacer pacer) {
    this.settings = settings;
    this.ids = ids;
    this.bad = bad;
    this.out = out;
    this.relevant = relevant;
    this.pacer = pacer;
    this.jitter = Rng.derive(settings.seed(), "shuffle");
    this.dups = Rng.derive(settings.seed(), "duplicates");
    this.badRng = Rng.derive(settings.seed(), "bad-share");
    this.badPerLine = settings.badShare() >= 1 ? 0 : settings.badShare() / (1 - settings.badShare());
    try {
      JsonFactory factory = new JsonFactory();
      this.gen = factory.createGenerator(buf);
      gen.setRootValueSeparator(new SerializedString(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Counts counts() {
    return counts;
  }

  /**
   * Takes one slice's events (in event-time order) and writes every line whose arrival key is before
   * {@code sliceEnd}.
   */
  public void slice(List<Ev> events, long sliceEnd) throws IOException, InterruptedException {
    long maxJitter = settings.shuffleHours() * 3600L;
    if (maxJitter == 0) {
      // In order: no queue needed; a duplicate follows its original directly.
      for (Ev e : events) {
        e.eventId = ids.event();
        boolean twice = e.plantedDuplicate || (settings.duplicateShare() > 0 && Rng.chance(dups, settings.duplicateShare()));
        emit(e);
        if (twice) {
          emit(e);
        }
      }
      return;
    }
    for (Ev e : events) {
      e.eventId = ids.event();
      queue.add(new Slot(e.time + Rng.between(jitter, 0, maxJitter), seq++, e));
      if (e.plantedDuplicate || (settings.duplicateShare() > 0 && Rng.chance(dups, settings.duplicateShare()))) {
        queue.add(new Slot(e.time + Rng.between(dups, 0, maxJitter), seq++, e));
      }
    }
    drain(sliceEnd);
  }

  /** Writes everything still held. */
  public void finish() throws IOException, InterruptedException {
    drain(Long.MAX_VALUE);
    out.flush();
  }

  private void drain(long before) throws IOException, InterruptedException {
    while (!queue.isEmpty() && queue.peek().key < before) {
      emit(queue.poll().ev);
    }
  }

  private void emit(Ev e) throws IOException, InterruptedException {
    pacer.awaitTime(e.time);
    write(e);
    if (badPerLine > 0 && Rng.chance(badRng, badPerLine)) {
      BadLines.Kind kind = bad.nextKind();
      out.badLine(bad.next(e.time));
      counts.bad(kind);
    }
  }

  private void write(Ev e) throws IOException {
    buf.reset();
    json.write(gen, e);
    gen.flush();
    out.line(buf.bytes, buf.size);
    if (relevant != null && e.relevant) {
      relevant.accept(Arrays.copyOf(buf.bytes, buf.size));
    }
    if (e.timesWritten++ == 0) {
      counts.valid(e);
    } else {
      counts.duplicate();
    }
    if (maxTimeWritten != Long.MIN_VALUE && e.time < maxTimeWritten) {
      counts.late(maxTimeWritten - e.time);
    }
    maxTimeWritten = Math.max(maxTimeWritten, e.time);
  }

  /** A reusable byte buffer the generator writes one line into. */
  private static final class Buf extends OutputStream {
    byte[] bytes = new byte[4096];
    int size;

    void reset() {
      size = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
