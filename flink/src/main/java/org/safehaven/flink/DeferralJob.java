package org.safehaven.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.safehaven.flink.event.DeadLetters;
import org.safehaven.flink.event.EventIdDedup;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.metrics.DailyMetrics;
import org.safehaven.flink.metrics.Tally;
import org.safehaven.flink.roles.PersonFact;
import org.safehaven.flink.roles.ReportRouter;
import org.safehaven.flink.rules.DeferralPatternFunction;
import org.safehaven.flink.rules.PersonRulesFunction;
import org.safehaven.rules.AlertRecords;
import org.safehaven.rules.Decision;
import org.safehaven.rules.PersonRules;
import org.safehaven.rules.RuleSettings;
import org.safehaven.flink.time.EventTimeWatermarks;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.Rule;

/**
 * The Flink job: DELAYED_SHARING, SYSTEMATIC_DEFERRAL and the daily metrics per force, from one stream of
 * canonical events. It takes its source and sinks in the constructor (IO at the edges): {@link FlinkMain}
 * passes a Kafka source (live or bounded replay) or a file source of interchange files, and Kafka sinks;
 * tests pass bounded in-memory sources and collecting sinks. The same events give the same alerts and metrics
 * whichever source they come from: every decision is made in event time.
 *
 * <pre>
 *   events ─┬─ rejected ───────────────────────────────────────────────────────────────▶ dead letters
 *           ├─ reports, statuses ─ keyBy reportId ─ ReportRouter ─┐
 *           ├─ candidate flows ───────────────────────────────────┴ keyBy personRef ─ PersonRulesFunction ─┐
 *           │                                       decisions (all four rules, for the metrics) ◀─────────┤
 *           │            DELAYED_SHARING ─┬──────────────────────────────────────────────────────▶ alerts │
 *           │                             └ keyBy force ─ DeferralPatternFunction ─ SYSTEMATIC_DEFERRAL ─▶ alerts
 *           └─ tallies ∪ decision tallies ─ keyBy force ─ 1-day event-time windows ───────────────▶ metrics
 * </pre>
 */
public final class DeferralJob {

  /**
   * How the job treats time and duplicates.
   *
   * @param outOfOrderness the watermark bound (see {@link EventTimeWatermarks}); default the policy's
   *                       allowedLateness
   * @param quietAfter     live mode: wall-clock silence after which the watermark follows the clock; null for
   *                       replay (bounded input)
   * @param deduplicate    drop repeated eventIds (file replay: the canonical topics are already deduplicated)
   * @param decideAlerts   run the rule kernel and write its alerts; false on the live platform, whose one alert
   *                       writer is the Kafka Streams application (one truth for every alert): there the job
   *                       writes the daily flow metrics only, and holds no role state at all
   */
  public record Options(Duration outOfOrderness, Duration quietAfter, boolean deduplicate, boolean decideAlerts) {
    public Options(Duration outOfOrderness, Duration quietAfter, boolean deduplicate) {
      this(outOfOrderness, quietAfter, deduplicate, true);
    }

    public Options {
      Objects.requireNonNull(outOfOrderness, "outOfOrderness");
      if (outOfOrderness.isNegative()) {
        throw new IllegalArgumentException("the out-of-orderness bound must not be negative");
      }
      if (quietAfter != null && (quietAfter.isNegative() || quietAfter.isZero())) {
        throw new IllegalArgumentException("quietAfter must be positive");
      }
    }

    /** The live platform's job: daily flow metrics only (the Streams application decides every alert). */
    public static Options live(RuleSettings rules) {
      return new Options(rules.allowedLateness(), Duration.ofSeconds(30), false, false);
    }

    public static Options replay(RuleSettings rules, boolean deduplicate) {
      return new Options(rules.allowedLateness(), null, deduplicate);
    }
  }

  static final OutputTag<InputEvent> REJECTED = new OutputTag<>("rejected", TypeInformation.of(InputEvent.class));

  private final Source<InputEvent, ?, ?> events;
  private final Sink<Alert> alerts;
  private final Sink<ForceDayMetrics> metrics;
  private final Sink<DeadLetter> deadLetters;
  private final RuleSettings rules;
  private final Options options;

  public DeferralJob(Source<InputEvent, ?, ?> events, Sink<Alert> alerts, Sink<ForceDayMetrics> metrics,
                     Sink<DeadLetter> deadLetters, RuleSettings rules, Options options) {
    this.events = Objects.requireNonNull(events, "events");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Adds the job's topology to {@code env} (no execution). */
  public void build(StreamExecutionEnvironment env) {
    WatermarkStrategy<InputEvent> watermarks = EventTimeWatermarks.strategy(options.outOfOrderness(),
        options.quietAfter());
    DataStreamSource<InputEvent> source = env.fromSource(events, watermarks, "canonical events");
    source.uid("canonical-events");
    if (options.quietAfter() != null) {
      // Live: one reader holds every partition, so "the feed is quiet" and "the feed's latest event time" are
      // facts about the whole feed, not about one subtask's share of it (see EventTimeWatermarks). A live feed
      // is a few events per second; the operators after the source keep the job's parallelism.
      source.setParallelism(1);
    }
    SingleOutputStreamOperator<InputEvent> read = source
        .process(new SplitRejected())
        .name("split off unreadable records").uid("split-rejected");
    read.getSideOutput(REJECTED)
        .map(DeadLetters::of).name("dead letter").uid("dead-letter")
        .sinkTo(deadLetters).name("dead letters sink").uid("dead-letters-sink");

    DataStream<InputEvent> accepted = read;
    if (options.deduplicate()) {
      accepted = read.keyBy(EventIdDedup::key)
          .process(new EventIdDedup(rules.allowedLatenessMillis))
          .name("drop repeated eventIds").uid("dedup");
    }

    // Daily metrics count the flows themselves, from the events. Alert counts are not theirs: every count of
    // alerts a user sees is computed from the alerts (the API aggregates the alert index), so it always agrees
    // with the alert list.
    accepted.flatMap(DeferralJob::tally, TypeInformation.of(Tally.class)).name("event tallies").uid("event-tallies")
        .keyBy(t -> t.force)
        .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
        .aggregate(new DailyMetrics.Sum(), new DailyMetrics.Emit())
        .name("daily metrics per force").uid("daily-metrics")
        .sinkTo(metrics).name("metrics sink").uid("metrics-sink");
    if (!options.decideAlerts()) {
      return;
    }

    // The rules: state and event time here, every decision in the rule kernel (org.safehaven.rules).
    DataStream<PersonFact> roles = accepted
        .filter(e -> e.kind == InputEvent.Kind.REPORT || e.kind == InputEvent.Kind.STATUS)
        .name("reports and case statuses").uid("reports-and-statuses")
        .keyBy(e -> e.reportId)
        .process(new ReportRouter(rules))
        .name("route roles and statuses to persons").uid("report-router");
    DataStream<PersonFact> flows = accepted
        .flatMap(DeferralJob::candidateFlow, TypeInformation.of(PersonFact.class))
        .name("candidate flows").uid("candidate-flows");

    SingleOutputStreamOperator<Decision> decisions = roles.union(flows)
        .keyBy(f -> f.personRef)
        .process(new PersonRulesFunction(rules))
        .name("person rules").uid("person-rules");
    DataStream<Decision> delayed = decisions.filter(d -> d.rule() == Rule.DELAYED_SHARING)
        .name("delayed sharing").uid("delayed-sharing");
    SingleOutputStreamOperator<Decision> deferrals = delayed
        .keyBy(Decision::force)
        .process(new DeferralPatternFunction(rules))
        .name("systematic deferral").uid("systematic-deferral");

    // All four rules, decided at the watermark (replay is bounded: nothing arrives after it is decided), so
    // each is revision 1 of the same alertId the Streams application gives it.
    String version = rules.policyVersion;
    decisions.union(deferrals)
        .map(d -> AlertRecords.of(d, version, Instant.now(), 1))
        .name("alert records").uid("alert-records")
        .sinkTo(alerts).name("alerts sink").uid("alerts-sink");
  }

  /** Builds and runs the job on {@code env}; returns when a bounded job has finished. */
  public JobExecutionResult execute(StreamExecutionEnvironment env, String name) throws Exception {
    build(env);
    return env.execute(name);
  }

  private static void candidateFlow(InputEvent e, Collector<PersonFact> out) {
    if (e.kind == InputEvent.Kind.PNC_QUERY && PersonRules.isCandidate(e.reason, null)) {
      out.collect(PersonFact.query(e.personRef, e.eventId, e.force, e.time, e.reason));
    } else if (e.kind == InputEvent.Kind.DISCLOSURE && PersonRules.isImmigrationRecipient(e.recipient)) {
      out.collect(PersonFact.disclosure(e.personRef, e.eventId, e.force, e.time, e.recipient, e.channel));
    }
  }

  private static void tally(InputEvent e, Collector<Tally> out) {
    Tally t = Tally.of(e);
    if (t != null) {
      out.collect(t);
    }
  }

  /** Sends unreadable records to a side output; everything else on. */
  static final class SplitRejected extends ProcessFunction<InputEvent, InputEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(InputEvent e, Context ctx, Collector<InputEvent> out) {
      if (e.kind == InputEvent.Kind.REJECTED) {
        ctx.output(REJECTED, e);
      } else {
        out.collect(e);
      }
    }
  }
}
