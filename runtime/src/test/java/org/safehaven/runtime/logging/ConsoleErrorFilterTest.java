package org.safehaven.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleErrorFilterTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final ConsoleErrorFilter filter = new ConsoleErrorFilter(nanos::get);

  private static LoggingEvent event(String logger, Level level) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerName(logger);
    e.setLevel(level);
    e.setMessage("m");
    return e;
  }

  @Test
  void onlyErrorsReachTheTerminal() {
    assertThat(filter.decide(event("org.safehaven.streams.X", Level.WARN))).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(event("org.apache.kafka.Y", Level.WARN))).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(event("org.safehaven.streams.X", Level.INFO))).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(event("org.safehaven.streams.X", Level.ERROR))).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void aRepeatedErrorIsShownAFewTimesAMinutePerLogger() {
    filter.setPerLoggerPerMinute(2);
    assertThat(filter.decide(event("a", Level.ERROR))).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(event("a", Level.ERROR))).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(event("a", Level.ERROR))).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(event("b", Level.ERROR))).as("another logger has its own allowance")
        .isEqualTo(FilterReply.NEUTRAL);

    nanos.addAndGet(ConsoleErrorFilter.WINDOW_NANOS - 1);
    assertThat(filter.decide(event("a", Level.ERROR))).isEqualTo(FilterReply.DENY);
    nanos.addAndGet(1);
    assertThat(filter.decide(event("a", Level.ERROR))).as("a new minute").isEqualTo(FilterReply.NEUTRAL);
  }
}
