package org.safehaven.generator;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.core.id.ForceId;
import org.safehaven.generator.output.BadLines;
import org.safehaven.generator.output.Counts;
import org.safehaven.generator.output.OutputStage;
import org.safehaven.generator.world.Forces;
import org.safehaven.generator.world.Ids;
import org.safehaven.generator.world.Rng;
import org.safehaven.generator.world.Volumes;
import org.safehaven.generator.world.World;
import org.safehaven.generator.world.WorldParams;

/**
 * Live mode: events in current time, at an average rate, forever (until the thread is interrupted or the
 * sink fails), for the demo.
 *
 * <p>The world starts {@code historyDays} before now with the immigration stories only (no background), and
 * that history is written at once, in event-time order: so the platform sees recent reports whose delayed
 * disclosures and case closures fall due while the demo runs, and a dashboard shows breaches from the first
 * minute. From now on, every event is written when the wall clock reaches its event time; background volume
 * is scaled so that the average rate over a day is {@code rate} events a second (busier by day, quieter at
 * night). No answer key is computed: the stream has no end.
 */
public final class LiveGenerator {

  /**
   * @param forces      slugs; empty for all
   * @param breachRate  multiplier of immigration stories (the demo profile uses 300)
   */
  public record Settings(long seed, double rate, int historyDays, List<String> forces, double breachRate,
                         double badShare, double duplicateShare) {
    public Settings {
      forces = List.copyOf(forces);
      if (!(rate > 0 && rate <= 1_000_000)) {
        throw new GeneratorException("--rate must be more than 0 and at most 1000000 events a second");
      }
      if (historyDays < 0 || historyDays > 3650) {
        throw new GeneratorException("--history-days must be between 0 and 3650");
      }
      if (!(breachRate >= 0) || !(badShare >= 0 && badShare <= 0.5) || !(duplicateShare >= 0 && duplicateShare <= 0.5)) {
        throw new GeneratorException("--breach-rate must not be negative; shares must be between 0 and 0.5");
      }
    }
  }

  private LiveGenerator() {
  }

  /** Runs until interrupted; returns what was written. */
  public static Counts run(Settings s, EventSink sink, Clock clock) throws IOException {
    List<Forces.Force> forces = new ArrayList<>();
    for (String slug : s.forces().isEmpty() ? ForceId.SLUGS : s.forces()) {
      if (!ForceId.isKnown(slug)) {
        throw new GeneratorException("--forces: '" + (slug.matches("[a-z0-9-]{1,40}") ? slug : "?")
            + "' is not a force of England and Wales");
      }
      forces.add(Forces.bySlug(slug));
    }
    double share = 0;
    for (Forces.Force f : forces) {
      share += Forces.share(f);
    }
    long now = clock.instant().getEpochSecond();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = today.minusDays(s.historyDays());
    double scale = s.rate() / (Volumes.NATIONAL_EVENTS_PER_SECOND * share);
    String tag = Ids.tagOf(Rng.hash("live;seed=" + s.seed() + ";now=" + now));
    World world = new World(new WorldParams(s.seed(), start, Integer.MAX_VALUE, forces, scale, s.breachRate(), 0,
        tag, now), 60);
    BadLines bad = new BadLines(world.ids(), tag, s.seed());
    OutputStage.Pacer pacer = t -> {
      long waitMs = t * 1000 - clock.millis();
      if (waitMs > 0) {
        try {
          sink.flush();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        Thread.sleep(waitMs);
      }
    };
    OutputStage stage = new OutputStage(new OutputStage.Settings(s.seed(), s.duplicateShare(), 0, s.badShare()),
        world.ids(), bad, Generator.lines(sink), null, pacer);
    try {
      for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
        stage.slice(world.slice(i), world.sliceStart(i + 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    sink.flush();
    return stage.counts();
  }
}
