package org.safehaven.generator.output;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.safehaven.generator.world.Ev;
import org.safehaven.generator.world.EvType;

/**
 * What was written: {@code lines = valid + duplicates + bad} always, which maps onto ingest's accounting
 * ({@code read = accepted + duplicates + rejected}).
 */
public final class Counts {

  private long valid;
  private long duplicates;
  private long bad;
  private long relevant;
  private long outOfOrder;
  private long maxLatenessSeconds;
  private long firstEventTime = Long.MAX_VALUE;
  private long lastEventTime = Long.MIN_VALUE;
  private final long[] byType = new long[EvType.values().length];
  private final EnumMap<BadLines.Kind, Long> badByKind = new EnumMap<>(BadLines.Kind.class);

  void valid(Ev e) {
    valid++;
    if (e.relevant) {
      relevant++;
    }
    byType[e.type.ordinal()]++;
    firstEventTime = Math.min(firstEventTime, e.time);
    lastEventTime = Math.max(lastEventTime, e.time);
  }

  void duplicate() {
    duplicates++;
  }

  void bad(BadLines.Kind kind) {
    bad++;
    badByKind.merge(kind, 1L, Long::sum);
  }

  void late(long seconds) {
    outOfOrder++;
    maxLatenessSeconds = Math.max(maxLatenessSeconds, seconds);
  }

  public long lines() {
    return valid + duplicates + bad;
  }

  public long valid() {
    return valid;
  }

  public long duplicates() {
    return duplicates;
  }

  public long bad() {
    return bad;
  }

  /** Distinct valid events the answer key was computed from. */
  public long relevant() {
    return relevant;
  }

  /** Lines written after a line with a later event time. */
  public long outOfOrder() {
    return outOfOrder;
  }

  /** The furthest any line arrived behind the latest event time already written. */
  public long maxLatenessSeconds() {
    return maxLatenessSeconds;
  }

  public long firstEventTime() {
    return firstEventTime;
  }

  public long lastEventTime() {
    return lastEventTime;
  }

  /** Distinct valid events per wire type, in a stable order. */
  public Map<String, Long> byType() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (EvType t : EvType.values()) {
      m.put(t.wire(), byType[t.ordinal()]);
    }
    return m;
  }

  public Map<String, Long> badByKind() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (BadLines.Kind k : BadLines.Kind.values()) {
      m.put(k.label, badByKind.getOrDefault(k, 0L));
    }
    return m;
  }
}
