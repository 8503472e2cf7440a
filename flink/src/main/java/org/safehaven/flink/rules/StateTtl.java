package org.safehaven.flink.rules;

import org.safehaven.rules.RuleSettings;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * The backstop on keyed state: Flink's state TTL (processing time) set to the lookback plus the allowed
 * lateness. The functions clear their state themselves with event-time timers as the watermark passes each
 * entry's last use, which is exact and also right in a replay; the TTL bounds what a stalled watermark (an
 * input that stopped for good) could otherwise keep for ever.
 */
public final class StateTtl {

  private StateTtl() {
  }

  public static StateTtlConfig lookback(RuleSettings rules) {
    return StateTtlConfig.newBuilder(Duration.ofMillis(rules.lookbackMillis + rules.allowedLatenessMillis))
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .build();
  }
}
