package org.safehaven.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.PncReason;

class DailyMetricsTest {

  @Test
  void aDaysRecordCountsTheFlowsOfTheDayAndNoAlerts() {
    DayAccumulator a = new DayAccumulator();
    a.add(Tally.of(query(PncReason.IMMIGRATION_STATUS)));
    DayAccumulator b = new DayAccumulator();
    b.add(Tally.of(query(PncReason.ARREST)));

    ForceDayMetrics m = DailyMetrics.toRecord("kent", LocalDate.of(2026, 5, 1), a.merge(b));

    assertThat(m.getPncQueries()).isEqualTo(2);
    assertThat(m.getPncImmigrationQueries()).isEqualTo(1);
    assertThat(m.getAlertsByRule()).isEmpty();
    assertThat(DailyMetrics.key(m)).isEqualTo("kent|2026-05-01");
  }

  private static InputEvent query(PncReason reason) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.PNC_QUERY;
    e.force = "kent";
    e.reason = reason;
    return e;
  }
}
