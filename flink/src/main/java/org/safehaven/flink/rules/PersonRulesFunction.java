package org.safehaven.flink.rules;

import org.safehaven.rules.RuleSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.safehaven.flink.roles.PersonFact;
import org.safehaven.rules.Decision;
import org.safehaven.rules.Flow;
import org.safehaven.rules.Grant;
import org.safehaven.rules.PersonRules;
import org.safehaven.rules.StatusChange;
import org.safehaven.schema.Role;

/**
 * Keyed by personRef: holds a person's role grants and the case statuses of their protected reports, and
 * decides each candidate flow (an IMMIGRATION_STATUS query, a disclosure to an immigration recipient) with
 * the rule kernel ({@link PersonRules}) once the watermark passes the flow's own time. This class only holds
 * state and time; every rule is the kernel's.
 *
 * <p>Why at the watermark: a flow's decision depends on events with an event time up to the flow's (a report
 * made before it, a status change before it), which may arrive after the flow, by up to the watermark's
 * out-of-orderness bound. Deciding when the watermark passes the flow's time honours every such event, so
 * the same events in any order within the bound give the same decisions. A flow that arrives behind the
 * watermark is decided at the next watermark with what is known then.
 *
 * <p>State: grants (by report and role), statuses (by eventId), pending flows (by eventId). A grant goes when
 * the watermark passes {@code reportedAt + lookback}; a report's statuses go with the person's last protected
 * grant on it; a flow goes when decided. So when the watermark passes everything, no state and no timer is
 * left (the harness tests check this), and state TTL ({@link StateTtl}) is only a backstop.
 */
public final class PersonRulesFunction extends KeyedProcessFunction<String, PersonFact, Decision> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<PersonFact> FLOW_ORDER =
      Comparator.comparingLong((PersonFact f) -> f.time).thenComparing(f -> f.eventId);

  private final RuleSettings rules;
  private transient MapState<String, PersonFact> grants;
  private transient MapState<String, PersonFact> statuses;
  private transient MapState<String, PersonFact> pending;

  public PersonRulesFunction(RuleSettings rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext context) {
    MapStateDescriptor<String, PersonFact> g = new MapStateDescriptor<>("grants", String.class, PersonFact.class);
    g.enableTimeToLive(StateTtl.lookback(rules));
    MapStateDescriptor<String, PersonFact> s = new MapStateDescriptor<>("statuses", String.class, PersonFact.class);
    s.enableTimeToLive(StateTtl.lookback(rules));
    grants = getRuntimeContext().getMapState(g);
    statuses = getRuntimeContext().getMapState(s);
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", String.class, PersonFact.class));
  }

  @Override
  public void processElement(PersonFact f, Context ctx, Collector<Decision> out) throws Exception {
    switch (f.kind) {
      case GRANT -> {
        grants.put(f.reportId + "|" + f.role, f);
        ctx.timerService().registerEventTimeTimer(f.time + rules.lookbackMillis + 1);
      }
      case STATUS -> statuses.put(f.eventId, f);
      case FLOW -> {
        pending.put(f.eventId, f);
        ctx.timerService().registerEventTimeTimer(f.time);
      }
      default -> throw new IllegalStateException("unknown fact kind " + f.kind);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
    decideDue(timestamp, out);
    expireGrants(timestamp);
  }

  private void decideDue(long timestamp, Collector<Decision> out) throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    List<PersonFact> due = new ArrayList<>();
    for (PersonFact f : pending.values()) {
      if (f.time <= timestamp) {
        due.add(f);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort(FLOW_ORDER);
    List<Grant> held = new ArrayList<>();
    for (PersonFact g : grants.values()) {
      held.add(new Grant(g.reportId, g.role, g.offence, g.time));
    }
    List<StatusChange> changes = new ArrayList<>();
    for (PersonFact s : statuses.values()) {
      changes.add(new StatusChange(s.reportId, s.eventId, s.status, s.time));
    }
    for (PersonFact f : due) {
      Flow flow = f.isDisclosure()
          ? Flow.disclosure(f.eventId, f.force, f.personRef, f.time, f.recipient, f.channel)
          : Flow.query(f.eventId, f.force, f.personRef, f.time, f.reason);
      PersonRules.decide(flow, held, changes, rules).ifPresent(out::collect);
      pending.remove(f.eventId);
    }
  }

  private void expireGrants(long timestamp) throws Exception {
    if (grants.isEmpty()) {
      return;
    }
    List<String> expired = new ArrayList<>();
    Set<String> protectedReports = new HashSet<>();
    for (Map.Entry<String, PersonFact> e : grants.entries()) {
      PersonFact g = e.getValue();
      if (g.time + rules.lookbackMillis < timestamp) {
        expired.add(e.getKey());
      } else if (g.role == Role.VICTIM || g.role == Role.WITNESS) {
        protectedReports.add(g.reportId);
      }
    }
    if (expired.isEmpty()) {
      return;
    }
    for (String k : expired) {
      grants.remove(k);
    }
    List<String> orphaned = new ArrayList<>();
    for (PersonFact s : statuses.values()) {
      if (!protectedReports.contains(s.reportId)) {
        orphaned.add(s.eventId);
      }
    }
    for (String id : orphaned) {
      statuses.remove(id);
    }
  }
}
