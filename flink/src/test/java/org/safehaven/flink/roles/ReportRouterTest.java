package org.safehaven.flink.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safehaven.core.policy.Policy;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.rules.RuleSettings;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Role;

/**
 * The report-keyed router: one grant per relevant person, statuses to the victims and witnesses only, a status
 * that comes before its report waits for it, and nothing is kept once the report's lookback has passed.
 */
class ReportRouterTest {

  private static final RuleSettings RULES = RuleSettings.of(Policy.defaults("test-1"));
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private KeyedOneInputStreamOperatorTestHarness<String, InputEvent, PersonFact> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ReportRouter(RULES), e -> e.reportId,
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static InputEvent report(String reportId, long at) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.REPORT;
    e.eventId = "r-" + reportId;
    e.force = "kent";
    e.reportId = reportId;
    e.time = at;
    e.offence = Offence.DOMESTIC_ABUSE;
    e.personRefs = new String[] {"victim", "suspect", "reporter", "witness"};
    e.roles = new Role[] {Role.VICTIM, Role.SUSPECT, Role.REPORTING_PERSON, Role.WITNESS};
    return e;
  }

  private static InputEvent status(String reportId, String eventId, long at) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.STATUS;
    e.eventId = eventId;
    e.force = "kent";
    e.reportId = reportId;
    e.time = at;
    e.status = CaseStatusValue.CLOSED;
    return e;
  }

  private List<String> out() {
    return harness.extractOutputValues().stream().map(f -> f.kind + ":" + f.personRef + ":" + f.role).toList();
  }

  @Test
  void aReportGrantsEveryoneButTheReportingPersonAndAStatusReachesOnlyVictimsAndWitnesses() throws Exception {
    harness.processElement(report("R1", T0), T0);
    harness.processElement(status("R1", "s1", T0 + 10), T0 + 10);

    assertThat(out()).containsExactly("GRANT:victim:VICTIM", "GRANT:suspect:SUSPECT", "GRANT:witness:WITNESS",
        "STATUS:victim:null", "STATUS:witness:null");
  }

  @Test
  void aStatusBeforeItsReportWaitsForItAndARepeatedReportGrantsNothingMore() throws Exception {
    harness.processElement(status("R1", "s1", T0 + 10), T0 + 10);
    assertThat(out()).isEmpty();

    harness.processElement(report("R1", T0), T0);
    harness.processElement(report("R1", T0), T0);

    assertThat(out()).containsExactly("GRANT:victim:VICTIM", "GRANT:suspect:SUSPECT", "GRANT:witness:WITNESS",
        "STATUS:victim:null", "STATUS:witness:null");
  }

  @Test
  void noStateAndNoTimerIsLeftAfterTheLookbackOrForAStatusWhoseReportNeverCame() throws Exception {
    harness.processElement(report("R1", T0), T0);
    harness.processElement(status("R1", "s1", T0 + 10), T0 + 10);
    harness.processElement(status("R2", "s2", T0 + 10), T0 + 10);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(new Watermark(T0 + RULES.lookbackMillis + 1));

    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
