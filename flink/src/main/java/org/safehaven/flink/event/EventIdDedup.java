package org.safehaven.flink.event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@code force|eventId}: lets the first event with an id through and drops the rest, as ingest's
 * deduplication does before the canonical topics. Needed only where the job reads interchange files itself
 * (replay of files); the canonical topics are already deduplicated. An id is remembered until the watermark
 * passes its event time plus {@code retainMillis} (the allowed lateness: a duplicate comes no later than
 * that), then forgotten, so state holds about one lateness span of ids.
 */
public final class EventIdDedup extends KeyedProcessFunction<String, InputEvent, InputEvent> {

  private static final long serialVersionUID = 1L;

  private final long retainMillis;
  private transient ValueState<Boolean> seen;

  public EventIdDedup(long retainMillis) {
    this.retainMillis = retainMillis;
  }

  public static String key(InputEvent e) {
    return e.force + "|" + e.eventId;
  }

  @Override
  public void open(OpenContext context) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
  }

  @Override
  public void processElement(InputEvent e, Context ctx, Collector<InputEvent> out) throws Exception {
    if (seen.value() != null) {
      return;
    }
    seen.update(Boolean.TRUE);
    ctx.timerService().registerEventTimeTimer(e.time + retainMillis + 1);
    out.collect(e);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InputEvent> out) {
    seen.clear();
  }
}
