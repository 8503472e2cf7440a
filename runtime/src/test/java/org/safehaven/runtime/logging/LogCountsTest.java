package org.safehaven.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogCountsTest {

  @Test
  void theCounterCountsWarningsAndErrorsPerLoggerAndNothingBelow() {
    LogCounter counter = new LogCounter();
    counter.start();
    for (Level level : new Level[] {Level.WARN, Level.WARN, Level.ERROR, Level.INFO, Level.DEBUG}) {
      LoggingEvent e = new LoggingEvent();
      e.setLoggerName("org.safehaven.streams.person.PersonFlowsProcessor");
      e.setLevel(level);
      e.setMessage("m");
      counter.doAppend(e);
    }
    LogCounts counts = counter.counts();
    assertThat(counts.warnings()).containsExactly(Map.entry("org.safehaven.streams.person.PersonFlowsProcessor", 2L));
    assertThat(counts.errors()).containsExactly(Map.entry("org.safehaven.streams.person.PersonFlowsProcessor", 1L));
  }

  @Test
  void sinceKeepsOnlyWhatIsNew() {
    LogCounts before = new LogCounts(Map.of("a", 5L, "b", 2L), Map.of());
    LogCounts now = new LogCounts(Map.of("a", 9L, "b", 2L, "c", 1L), Map.of("a", 1L));

    LogCounts delta = now.since(before);

    assertThat(delta.warnings()).containsOnly(Map.entry("a", 4L), Map.entry("c", 1L));
    assertThat(delta.errors()).containsOnly(Map.entry("a", 1L));
    assertThat(delta.totalWarnings()).isEqualTo(5);
    assertThat(delta.totalErrors()).isEqualTo(1);
  }

  @Test
  void topSourcesNameTheBusiestLoggersByTheirLastName() {
    LogCounts counts = new LogCounts(Map.of("org.safehaven.streams.person.PersonFlowsProcessor", 1_200L,
        "org.apache.kafka.clients.NetworkClient", 3L, "org.safehaven.streams.errors.DeadLetterHandler", 4L,
        "x", 1L), Map.of("org.safehaven.streams.errors.DeadLetterHandler", 2L));

    assertThat(counts.topSources(3)).isEqualTo("1,200 PersonFlowsProcessor, 6 DeadLetterHandler, 3 NetworkClient, +1 more");
    assertThat(counts.topSources(4)).endsWith(", 1 x");
    assertThat(LogCounts.NONE.topSources(3)).isEmpty();
  }
}
