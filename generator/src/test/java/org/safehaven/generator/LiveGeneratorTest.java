package org.safehaven.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.safehaven.generator.key.InterchangeReader;
import org.safehaven.generator.key.KeyEvent;
import org.safehaven.generator.key.ReferenceRules;
import org.safehaven.generator.output.Counts;

class LiveGeneratorTest {

  @Test
  void writesHistoryAtOnceThenEventsInCurrentTimeWithBreachesFromTheStart() throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    List<Instant> writtenAt = Collections.synchronizedList(new ArrayList<>());
    Instant started = Instant.now();
    CountDownLatch liveEventsSeen = new CountDownLatch(3);
    EventSink sink = line -> {
      lines.add(line);
      writtenAt.add(Instant.now());
      try {
        Instant t = InterchangeReader.read(line).time();
        // Far-future bad lines parse too; a live event is one of now.
        if (!t.isBefore(started) && t.isBefore(Instant.now().plusSeconds(60))) {
          liveEventsSeen.countDown();
        }
      } catch (IllegalArgumentException badLine) {
        // a deliberately bad line: not an event
      }
    };
    AtomicReference<Counts> counts = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        counts.set(LiveGenerator.run(new LiveGenerator.Settings(1, 10, 1, List.of(), 300, 0.01, 0.001), sink,
            Clock.systemUTC()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    // The history is written first (as fast as the machine allows), then events as their time comes.
    assertThat(liveEventsSeen.await(90, TimeUnit.SECONDS)).as("live events within 90 s").isTrue();
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(counts.get().lines()).isEqualTo(lines.size());

    List<KeyEvent> valid = new ArrayList<>();
    long history = 0;
    long live = 0;
    synchronized (lines) {
      for (int i = 0; i < lines.size(); i++) {
        String problem = InterchangeValidator.problem(lines.get(i), Instant.now().plusSeconds(5));
        if (problem != null) {
          continue;
        }
        KeyEvent e = InterchangeReader.read(lines.get(i));
        valid.add(e);
        if (e.time().isBefore(started)) {
          history++;
        } else {
          live++;
          // A live event is written when its time has come, not before.
          assertThat(writtenAt.get(i)).isAfterOrEqualTo(e.time());
        }
      }
    }
    assertThat(history).as("history written at once").isPositive();
    assertThat(live).as("events in current time").isPositive();
    assertThat(new ReferenceRules(Generated.POLICY).evaluate(valid)).as("breaches to show from the start").isNotEmpty();
  }
}
