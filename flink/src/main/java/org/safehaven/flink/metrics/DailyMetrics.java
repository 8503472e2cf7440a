package org.safehaven.flink.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.safehaven.schema.Channel;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.Recipient;

/**
 * The daily metrics window's two halves: {@link Sum} adds tallies into a {@link DayAccumulator} as they come
 * (nothing but the accumulator is kept per force and day), {@link Emit} turns the day's accumulator into a
 * {@link ForceDayMetrics} named by force and UTC day when the watermark passes the day's end. Maps list only
 * the recipients and channels seen that day (zero counts are left out).
 */
public final class DailyMetrics {

  private DailyMetrics() {
  }

  public static final class Sum implements AggregateFunction<Tally, DayAccumulator, DayAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public DayAccumulator createAccumulator() {
      return new DayAccumulator();
    }

    @Override
    public DayAccumulator add(Tally value, DayAccumulator acc) {
      return acc.add(value);
    }

    @Override
    public DayAccumulator getResult(DayAccumulator acc) {
      return acc;
    }

    @Override
    public DayAccumulator merge(DayAccumulator a, DayAccumulator b) {
      return a.merge(b);
    }
  }

  public static final class Emit extends ProcessWindowFunction<DayAccumulator, ForceDayMetrics, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String force, Context ctx, Iterable<DayAccumulator> days, Collector<ForceDayMetrics> out) {
      LocalDate day = Instant.ofEpochMilli(ctx.window().getStart()).atZone(ZoneOffset.UTC).toLocalDate();
      for (DayAccumulator acc : days) {
        out.collect(toRecord(force, day, acc));
      }
    }
  }

  public static ForceDayMetrics toRecord(String force, LocalDate day, DayAccumulator acc) {
    return ForceDayMetrics.newBuilder()
        .setForce(force)
        .setDay(day)
        .setCrimeReports(acc.crimeReports)
        .setVictimsAndWitnesses(acc.victimsAndWitnesses)
        .setPncQueries(acc.pncQueries)
        .setPncImmigrationQueries(acc.pncImmigrationQueries)
        .setDisclosuresByRecipient(nonZero(acc.byRecipient, Recipient.values()))
        .setDisclosuresByChannel(nonZero(acc.byChannel, Channel.values()))
        // alertsByRule and the delay percentiles stay empty: the API computes them from the alerts.
        .build();
  }

  /** The record's key on the metrics topic: {@code force|day}, e.g. {@code kent|2026-05-01}. */
  public static String key(ForceDayMetrics m) {
    return m.getForce() + "|" + m.getDay();
  }

  private static Map<String, Long> nonZero(long[] counts, Enum<?>[] names) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        m.put(names[i].name(), counts[i]);
      }
    }
    return m;
  }
}
