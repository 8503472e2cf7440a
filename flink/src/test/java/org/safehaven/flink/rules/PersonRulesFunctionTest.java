package org.safehaven.flink.rules;

import org.safehaven.rules.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.flink.rules.Facts.DAY;
import static org.safehaven.flink.rules.Facts.RULES;
import static org.safehaven.flink.rules.Facts.disclosure;
import static org.safehaven.flink.rules.Facts.grant;
import static org.safehaven.flink.rules.Facts.h;
import static org.safehaven.flink.rules.Facts.status;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safehaven.flink.roles.PersonFact;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Role;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The person-keyed state machine: decisions wait for the watermark to pass the flow, honour roles and statuses
 * that arrive late within the bound, and leave no state and no timer behind once the watermark has passed
 * everything.
 */
class PersonRulesFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<String, PersonFact, Decision> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new PersonRulesFunction(RULES),
        f -> f.personRef, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void in(PersonFact f) throws Exception {
    harness.processElement(f, f.time);
  }

  private List<Decision> out() {
    return harness.extractOutputValues();
  }

  @Test
  void aDisclosureAfterTheImmediateWindowWhileTheCaseIsOpenIsHighDelayedSharingWithItsDelay() throws Exception {
    in(grant("p", "R1", Role.VICTIM, Offence.ROBBERY, h(0)));
    in(disclosure("p", "d1", "kent", h(100.5)));
    harness.processWatermark(new Watermark(h(100)));
    assertThat(out()).as("not decided before the watermark passes the disclosure").isEmpty();

    harness.processWatermark(new Watermark(h(101)));

    assertThat(out()).singleElement().satisfies(d -> {
      assertThat(d.rule()).isEqualTo(Rule.DELAYED_SHARING);
      assertThat(d.severity()).isEqualTo(Severity.HIGH);
      assertThat(d.phase()).isEqualTo(Phase.WHILE_CASE_OPEN);
      assertThat(d.delayHours()).isEqualTo(100L);
      assertThat(d.reportId()).isEqualTo("R1");
      assertThat(d.force()).isEqualTo("kent");
      assertThat(d.soonAfterClosure()).isFalse();
    });
  }

  @Test
  void aReportAndStatusArrivingAfterTheDisclosureButBeforeTheWatermarkAreHonoured() throws Exception {
    in(disclosure("p", "d1", "kent", h(500)));
    in(grant("p", "R1", Role.VICTIM, Offence.DOMESTIC_ABUSE, h(0)));
    in(status("p", "R1", "s1", CaseStatusValue.NO_FURTHER_ACTION, h(400)));

    harness.processWatermark(new Watermark(h(501)));

    assertThat(out()).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(d.phase()).isEqualTo(Phase.AFTER_CASE_CLOSED);
    });
  }

  @Test
  void noStateAndNoTimerIsLeftOnceTheWatermarkHasPassedEverything() throws Exception {
    in(grant("p", "R1", Role.VICTIM, Offence.THEFT, h(0)));
    in(grant("p", "R9", Role.OFFENDER, Offence.THEFT, h(1)));
    in(status("p", "R1", "s1", CaseStatusValue.CLOSED, h(90)));
    in(disclosure("p", "d1", "kent", h(100)));
    in(grant("q", "R2", Role.WITNESS, Offence.THEFT, h(0)));
    assertThat(harness.numKeyedStateEntries()).isPositive();
    assertThat(harness.numEventTimeTimers()).isPositive();

    harness.processWatermark(new Watermark(Long.MAX_VALUE));

    assertThat(out()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
