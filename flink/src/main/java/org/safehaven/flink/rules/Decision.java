package org.safehaven.flink.rules;

import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * A rule's decision about one triggering event: everything an {@link org.safehaven.schema.Alert} carries but
 * the detection time, plus what SYSTEMATIC_DEFERRAL counts ({@link #soonAfterClosure}). The job decides all
 * four rules per flow so that the daily metrics count alerts by rule from the same decisions; only
 * DELAYED_SHARING and SYSTEMATIC_DEFERRAL are written as alerts here (the Streams application writes the other
 * two). A Flink POJO; {@code delayHours} is -1 where it does not apply.
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

  public boolean isWrittenByThisJob() {
    return rule == Rule.DELAYED_SHARING || rule == Rule.SYSTEMATIC_DEFERRAL;
  }

  @Override
  public String toString() {
    return "Decision[" + rule + " " + triggeringEventId + " " + force + " @" + eventTime + "]";
  }
}
