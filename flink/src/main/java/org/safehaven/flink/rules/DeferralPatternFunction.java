package org.safehaven.flink.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.safehaven.rules.Decision;
import org.safehaven.rules.DeferralPattern;
import org.safehaven.rules.DeferralPattern.Entry;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.Rule;

/**
 * Keyed by force: SYSTEMATIC_DEFERRAL over the force's DELAYED_SHARING decisions. The pattern is the rule
 * kernel's ({@link DeferralPattern}); this function holds the window and the last firing in Flink state and
 * hands the kernel the disclosures in order.
 *
 * <p>Order: decisions arrive as upstream watermarks pass their times, from several person-keyed subtasks, so
 * not necessarily in order. Each waits in {@code pending} until this operator's watermark passes its time; by
 * then every decision with an earlier or equal time has arrived (an upstream emits a decision before it
 * forwards the watermark past it), so deciding the due ones sorted is deciding them in order.
 *
 * <p>State: the pending entries, the window's entries and the last firing time. An entry leaves the window
 * when the watermark passes {@code disclosedAt + patternWindow}; the last firing time goes at the same point
 * after it (it can no longer hold the pattern back). A timer at the last entry's expiry clears a quiet force
 * completely.
 */
public final class DeferralPatternFunction extends KeyedProcessFunction<String, Decision, Decision> {

  private static final long serialVersionUID = 1L;

  private final RuleSettings rules;
  private transient ListState<Entry> pending;
  private transient ListState<Entry> window;
  private transient ValueState<Long> lastFired;

  public DeferralPatternFunction(RuleSettings rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", Entry.class));
    window = getRuntimeContext().getListState(new ListStateDescriptor<>("window", Entry.class));
    lastFired = getRuntimeContext().getState(new ValueStateDescriptor<>("lastFired", Long.class));
  }

  @Override
  public void processElement(Decision d, Context ctx, Collector<Decision> out) throws Exception {
    if (d.rule() != Rule.DELAYED_SHARING) {
      return;
    }
    pending.add(DeferralPattern.entryOf(d));
    ctx.timerService().registerEventTimeTimer(d.eventTime());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
    List<Entry> due = new ArrayList<>();
    List<Entry> later = new ArrayList<>();
    for (Entry e : pending.get()) {
      (e.disclosedAt() <= timestamp ? due : later).add(e);
    }
    List<Entry> entries = new ArrayList<>();
    window.get().forEach(entries::add);
    Long fired = lastFired.value();
    if (!due.isEmpty()) {
      due.sort(DeferralPattern.ORDER);
      pending.update(later);
      for (Entry d : due) {
        long start = d.disclosedAt() - rules.patternWindowMillis;
        entries.removeIf(e -> e.disclosedAt() < start);
        entries.add(d);
        for (DeferralPattern.Firing f : DeferralPattern.firingsFrom(entries, d, fired, rules)) {
          out.collect(DeferralPattern.decision(ctx.getCurrentKey(), f));
          fired = f.disclosedAt();
        }
      }
    }
    // Expire what can no longer count for any later disclosure (those have t >= timestamp).
    long horizon = timestamp - rules.patternWindowMillis;
    entries.removeIf(e -> e.disclosedAt() < horizon);
    if (fired != null && fired < horizon) {
      fired = null;
    }
    window.update(entries);
    if (fired == null) {
      lastFired.clear();
    } else {
      lastFired.update(fired);
    }
    long last = fired == null ? Long.MIN_VALUE : fired;
    for (Entry e : entries) {
      last = Math.max(last, e.disclosedAt());
    }
    if (last != Long.MIN_VALUE) {
      ctx.timerService().registerEventTimeTimer(last + rules.patternWindowMillis + 1);
    }
  }
}
