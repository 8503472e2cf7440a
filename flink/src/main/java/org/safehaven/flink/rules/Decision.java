package org.safehaven.flink.rules;

import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The rule kernel's {@link org.safehaven.rules.Decision} as a Flink POJO (records would need Kryo or a
 * custom serializer here): the same fields, {@code -1} standing for "does not apply" in the numeric ones.
 */
public class Decision {

  public Rule rule;
  public String triggeringEventId;
  public String force;
  public long eventTime;
  public Severity severity;
  public String personRef;
  public String reportId;
  public long delayHours = -1;
  public Phase phase;
  public boolean mixedRoles;
  public Offence offence;
  public Channel channel;
  public Recipient recipient;
  /** DELAYED_SHARING: the case was closed at eventTime and eventTime is within the after-closure window. */
  public boolean soonAfterClosure;
  /** SYSTEMATIC_DEFERRAL only (else -1). */
  public int windowDisclosures = -1;
  public int windowAfterClosure = -1;

  public Decision() {
  }

  /** The kernel's decision in the job's POJO form (Flink serialises POJOs without Kryo). */
  public static Decision of(org.safehaven.rules.Decision k) {
    Decision d = new Decision();
    d.rule = k.rule();
    d.triggeringEventId = k.triggeringEventId();
    d.force = k.force();
    d.eventTime = k.eventTime();
    d.severity = k.severity();
    d.personRef = k.personRef();
    d.reportId = k.reportId();
    d.delayHours = k.delayHours() == null ? -1 : k.delayHours();
    d.phase = k.phase();
    d.mixedRoles = k.mixedRoles();
    d.offence = k.offence();
    d.channel = k.channel();
    d.recipient = k.recipient();
    d.soonAfterClosure = k.soonAfterClosure();
    d.windowDisclosures = k.windowDisclosures() == null ? -1 : k.windowDisclosures();
    d.windowAfterClosure = k.windowAfterClosure() == null ? -1 : k.windowAfterClosure();
    return d;
  }

  /** Back to the kernel's form, to make the alert record with the kernel's {@code AlertRecords}. */
  public org.safehaven.rules.Decision toKernel() {
    return new org.safehaven.rules.Decision(rule, force, triggeringEventId, eventTime, severity, personRef, reportId,
        offence, delayHours < 0 ? null : delayHours, phase, mixedRoles, channel, recipient, soonAfterClosure,
        windowDisclosures < 0 ? null : windowDisclosures, windowAfterClosure < 0 ? null : windowAfterClosure);
  }

  public boolean isWrittenByThisJob() {
    return rule == Rule.DELAYED_SHARING || rule == Rule.SYSTEMATIC_DEFERRAL;
  }

  @Override
  public String toString() {
    return "Decision[" + rule + " " + triggeringEventId + " " + force + " @" + eventTime + "]";
  }
}
