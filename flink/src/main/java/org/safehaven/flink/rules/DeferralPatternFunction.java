package org.safehaven.flink.rules;

import org.safehaven.rules.RuleSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.safehaven.rules.DeferralPattern;
import org.safehaven.schema.Rule;

/**
 * Keyed by force: SYSTEMATIC_DEFERRAL over the force's DELAYED_SHARING decisions, decided by the rule
 * kernel ({@link DeferralPattern}); this function keeps the window and the last firing in Flink state. The disclosures are taken in (disclosedAt, eventId) order; for each disclosure d at t the window
 * is the force's delayed disclosures up to and including d with disclosedAt in {@code [t - patternWindow, t]};
 * the pattern fires when the window holds at least patternMinDisclosures, strictly more than the share of them
 * soon after closure, and the force raised no SYSTEMATIC_DEFERRAL with an event time after
 * {@code t - patternWindow} (at most one per force per window). The alert names d.
 *
 * <p>Order: decisions arrive as upstream watermarks pass their times, from several person-keyed subtasks, so
 * not necessarily in order. Each waits in {@code pending} until this operator's watermark passes its time; by
 * then every decision with an earlier or equal time has arrived (an upstream emits a decision before it
 * forwards the watermark past it), so processing the due ones sorted is processing them in order.
 *
 * <p>State: the pending decisions, the window's entries and the last firing time. An entry leaves the window
 * when the watermark passes {@code disclosedAt + patternWindow}; the last firing time goes at the same point
 * after it (it can no longer hold the pattern back). A timer at the last entry's expiry clears a quiet force
 * completely.
 */
public final class DeferralPatternFunction extends KeyedProcessFunction<String, Decision, Decision> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<DeferralEntry> ORDER =
      Comparator.comparingLong((DeferralEntry e) -> e.disclosedAt).thenComparing(e -> e.eventId);

  private final RuleSettings rules;
  private transient ListState<DeferralEntry> pending;
  private transient ListState<DeferralEntry> window;
  private transient ValueState<Long> lastFired;

  public DeferralPatternFunction(RuleSettings rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", DeferralEntry.class));
    window = getRuntimeContext().getListState(new ListStateDescriptor<>("window", DeferralEntry.class));
    lastFired = getRuntimeContext().getState(new ValueStateDescriptor<>("lastFired", Long.class));
  }

  @Override
  public void processElement(Decision d, Context ctx, Collector<Decision> out) throws Exception {
    if (d.rule != Rule.DELAYED_SHARING) {
      return;
    }
    pending.add(DeferralEntry.of(d));
    ctx.timerService().registerEventTimeTimer(d.eventTime);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
    List<DeferralEntry> due = new ArrayList<>();
    List<DeferralEntry> later = new ArrayList<>();
    for (DeferralEntry e : pending.get()) {
      (e.disclosedAt <= timestamp ? due : later).add(e);
    }
    List<DeferralEntry> entries = new ArrayList<>();
    window.get().forEach(entries::add);
    Long fired = lastFired.value();
    if (!due.isEmpty()) {
      due.sort(ORDER);
      pending.update(later);
      for (DeferralEntry d : due) {
        long start = d.disclosedAt - rules.patternWindowMillis;
        entries.removeIf(e -> e.disclosedAt < start);
        entries.add(d);
        // The kernel decides; this function only keeps the window and the last firing in Flink state.
        List<DeferralPattern.Entry> window = new ArrayList<>(entries.size());
        for (DeferralEntry e : entries) {
          window.add(new DeferralPattern.Entry(e.eventId, e.disclosedAt, e.soonAfterClosure));
        }
        for (DeferralPattern.Firing f : DeferralPattern.firingsFrom(window,
            new DeferralPattern.Entry(d.eventId, d.disclosedAt, d.soonAfterClosure), fired, rules)) {
          out.collect(Decision.of(DeferralPattern.decision(ctx.getCurrentKey(), f)));
          fired = f.disclosedAt();
        }
      }
    }
    // Expire what can no longer count for any later disclosure (those have t >= timestamp).
    long horizon = timestamp - rules.patternWindowMillis;
    entries.removeIf(e -> e.disclosedAt < horizon);
    if (fired != null && fired < horizon) {
      fired = null;
    }
    window.update(entries);
    if (fired == null) {
      lastFired.clear();
    } else {
      lastFired.update(fired);
    }
    long last = Long.MIN_VALUE;
    for (DeferralEntry e : entries) {
      last = Math.max(last, e.disclosedAt);
    }
    if (fired != null) {
      last = Math.max(last, fired);
    }
    if (last != Long.MIN_VALUE) {
      ctx.timerService().registerEventTimeTimer(last + rules.patternWindowMillis + 1);
    }
  }

}
