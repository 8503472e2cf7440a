package org.safehaven.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.safehaven.flink.rules.Decision;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.Rule;

class DailyMetricsTest {

  @Test
  void percentilesAreNearestRankOverTheDaysDelayedSharingDelays() {
    assertThat(Percentiles.nearestRank(new long[] {}, 50)).isNull();
    assertThat(Percentiles.nearestRank(new long[] {7}, 90)).isEqualTo(7.0);
    long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Percentiles.nearestRank(ten, 50)).isEqualTo(5.0);
    assertThat(Percentiles.nearestRank(ten, 90)).isEqualTo(9.0);
    assertThat(Percentiles.nearestRank(new long[] {100, 200, 300}, 50)).isEqualTo(200.0);
  }

  @Test
  void aDaysRecordCountsAlertsByRuleAndOnlyDelayedSharingDelaysEnterThePercentiles() {
    DayAccumulator a = new DayAccumulator();
    a.add(Tally.of(decision(Rule.DELAYED_SHARING, 100)));
    a.add(Tally.of(decision(Rule.SHARED_AT_REPORT, 5)));
    DayAccumulator b = new DayAccumulator();
    b.add(Tally.of(decision(Rule.DELAYED_SHARING, 300)));
    b.add(Tally.of(decision(Rule.DELAYED_SHARING, 200)));

    ForceDayMetrics m = DailyMetrics.toRecord("kent", LocalDate.of(2026, 5, 1), a.merge(b));

    assertThat(m.getAlertsByRule()).containsEntry("DELAYED_SHARING", 3L).containsEntry("SHARED_AT_REPORT", 1L)
        .doesNotContainKey("PNC_IMMIGRATION_CHECK");
    assertThat(m.getDelayHoursP50()).isEqualTo(200.0);
    assertThat(m.getDelayHoursP90()).isEqualTo(300.0);
    assertThat(DailyMetrics.key(m)).isEqualTo("kent|2026-05-01");
  }

  private static Decision decision(Rule rule, long delay) {
    Decision d = new Decision();
    d.rule = rule;
    d.force = "kent";
    d.delayHours = delay;
    return d;
  }
}
