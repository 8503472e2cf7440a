package org.safehaven.flink.rules;

import org.safehaven.rules.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.flink.rules.Facts.DAY;
import static org.safehaven.flink.rules.Facts.RULES;
import static org.safehaven.flink.rules.Facts.T0;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The force-keyed SYSTEMATIC_DEFERRAL state machine: five delayed disclosures in 90 days, more than half soon
 * after closure, fire once on the one that completes the pattern, in event-time order whatever the arrival
 * order; not again within the window; and the force's state is gone once the window has passed.
 */
class DeferralPatternFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<String, Decision, Decision> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeferralPatternFunction(RULES),
        Decision::force, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static Decision delayed(String eventId, long at, boolean soon) {
    return new Decision(Rule.DELAYED_SHARING, "kent", eventId, at, Severity.HIGH, "ph_x", "R-" + eventId, null,
        100L, null, false, null, null, soon, null, null);
  }

  private void in(Decision d) throws Exception {
    harness.processElement(d, d.eventTime());
  }

  private List<Decision> out() {
    return harness.extractOutputValues();
  }

  @Test
  void theFifthDelayedDisclosureWithThreeSoonAfterClosureFiresOnceNamingIt() throws Exception {
    in(delayed("a", T0, true));
    in(delayed("b", T0 + DAY, false));
    in(delayed("c", T0 + 2 * DAY, true));
    in(delayed("d", T0 + 3 * DAY, false));
    harness.processWatermark(new Watermark(T0 + 3 * DAY));
    assertThat(out()).isEmpty();

    in(delayed("e", T0 + 4 * DAY, true));
    in(delayed("f", T0 + 5 * DAY, true));
    harness.processWatermark(new Watermark(T0 + 5 * DAY));

    assertThat(out()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo(Rule.SYSTEMATIC_DEFERRAL);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.triggeringEventId()).isEqualTo("e");
      assertThat(a.eventTime()).isEqualTo(T0 + 4 * DAY);
      assertThat(a.windowDisclosures()).isEqualTo(5);
      assertThat(a.windowAfterClosure()).isEqualTo(3);
      assertThat(a.personRef()).isNull();
    });
  }

  @Test
  void decisionsArrivingOutOfOrderAreCountedInEventTimeOrder() throws Exception {
    in(delayed("e", T0 + 4 * DAY, true));
    in(delayed("c", T0 + 2 * DAY, true));
    in(delayed("a", T0, true));
    in(delayed("d", T0 + 3 * DAY, false));
    in(delayed("b", T0 + DAY, false));

    harness.processWatermark(new Watermark(T0 + 10 * DAY));

    assertThat(out()).extracting(a -> a.triggeringEventId()).containsExactly("e");
  }

  @Test
  void noStateAndNoTimerIsLeftOnceTheWindowHasPassed() throws Exception {
    for (int i = 0; i < 7; i++) {
      in(delayed("a" + i, T0 + i * DAY, i < 4));
    }
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(new Watermark(Long.MAX_VALUE));

    assertThat(out()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
