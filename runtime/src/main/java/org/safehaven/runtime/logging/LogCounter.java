package org.safehaven.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A logback appender that writes nothing: it counts the WARN and ERROR events per logger, so the status line
 * can say how many there were instead of the terminal showing each one. Lock-free (a flood of warnings from
 * many threads does not queue on it); counts only grow, from the moment logging was installed.
 */
public final class LogCounter extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private final Map<String, LongAdder> warnings = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  @Override
  protected void append(ILoggingEvent event) {
    Level level = event.getLevel();
    if (level == Level.WARN) {
      increment(warnings, event.getLoggerName());
    } else if (level.isGreaterOrEqual(Level.ERROR)) {
      increment(errors, event.getLoggerName());
    }
  }

  private static void increment(Map<String, LongAdder> counts, String logger) {
    LongAdder n = counts.get(logger);
    if (n == null) {
      n = counts.computeIfAbsent(logger, k -> new LongAdder());
    }
    n.increment();
  }

  /** The counts so far (LogCounts keeps its own immutable copy). */
  public LogCounts counts() {
    return new LogCounts(sums(warnings), sums(errors));
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> sums = new HashMap<>();
    counts.forEach((logger, n) -> sums.put(logger, n.sum()));
    return sums;
  }
}
