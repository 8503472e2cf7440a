package org.safehaven.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What of the log reaches the terminal: ERROR events only (a human should look), and of those at most
 * {@code perLoggerPerMinute} per logger in each minute, so that an error repeated for every event cannot
 * flood the terminal either. Everything else is denied here and stays in the log file (and in
 * {@link LogCounter}'s counts).
 */
public final class ConsoleErrorFilter extends Filter<ILoggingEvent> {

  static final long WINDOW_NANOS = 60_000_000_000L;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;
  private int perLoggerPerMinute = 3;

  public ConsoleErrorFilter() {
    this(System::nanoTime);
  }

  ConsoleErrorFilter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public void setPerLoggerPerMinute(int perLoggerPerMinute) {
    this.perLoggerPerMinute = perLoggerPerMinute;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      return FilterReply.DENY;
    }
    Window w = windows.computeIfAbsent(event.getLoggerName(), k -> new Window());
    return w.admit(nanoClock.getAsLong(), perLoggerPerMinute) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  private static final class Window {
    private long start;
    private int shown;
    private boolean started;

    synchronized boolean admit(long now, int limit) {
      if (!started || now - start >= WINDOW_NANOS) {
        started = true;
        start = now;
        shown = 0;
      }
      if (shown >= limit) {
        return false;
      }
      shown++;
      return true;
    }
  }
}
