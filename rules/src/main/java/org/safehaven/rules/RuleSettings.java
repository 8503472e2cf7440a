package org.safehaven.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

/**
 * The policy's thresholds in the form the rule kernel and both engines carry: {@link Serializable} (a Flink
 * function ships it to its task managers), in epoch-millisecond arithmetic. Made only from a validated
 * {@link Policy}, so every threshold here has passed the policy's checks.
 *
 * <p>{@link #horizonMillis}: how far behind the newest event an event may be and still be decided exactly
 * (a backfill, a late batch, a backlog). It is the lookback: state is kept long enough that a role from a
 * report up to the horizon late still reaches every flow it covers, and a flow up to the horizon late still
 * meets every role that covers it. Only an event older than that is refused, and then dead-lettered.
 */
public final class RuleSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String policyVersion;
  public final long lookbackMillis;
  public final long immediateWindowMillis;
  public final long allowedLatenessMillis;
  public final long patternWindowMillis;
  public final int patternMinDisclosures;
  public final long patternAfterClosureWindowMillis;
  public final double patternAfterClosureShare;
  private final EnumSet<Offence> criticalOffences;
  private final EnumSet<CaseStatusValue> closedStatuses;

  private RuleSettings(Policy p) {
    this.policyVersion = p.version();
    this.lookbackMillis = p.lookback().toMillis();
    this.immediateWindowMillis = p.immediateWindow().toMillis();
    this.allowedLatenessMillis = p.allowedLateness().toMillis();
    this.patternWindowMillis = p.patternWindow().toMillis();
    this.patternMinDisclosures = p.patternMinDisclosures();
    this.patternAfterClosureWindowMillis = p.patternAfterClosureWindow().toMillis();
    this.patternAfterClosureShare = p.patternAfterClosureShare();
    this.criticalOffences = p.criticalOffences().isEmpty()
        ? EnumSet.noneOf(Offence.class) : EnumSet.copyOf(p.criticalOffences());
    this.closedStatuses = EnumSet.copyOf(p.closedStatuses());
  }

  public static RuleSettings of(Policy policy) {
    return new RuleSettings(Objects.requireNonNull(policy, "policy"));
  }

  public boolean isCritical(Offence offence) {
    return criticalOffences.contains(offence);
  }

  public boolean isClosed(CaseStatusValue status) {
    return closedStatuses.contains(status);
  }

  /** The same condition as {@link Policy#patternMet}: at least the minimum, strictly more than the share. */
  public boolean patternMet(int count, int soonAfterClosure) {
    return count >= patternMinDisclosures && soonAfterClosure > patternAfterClosureShare * count;
  }

  public Set<Offence> criticalOffences() {
    return Set.copyOf(criticalOffences);
  }

  /** How far behind the newest event time an event is still decided exactly: the lookback. */
  public long horizonMillis() {
    return lookbackMillis;
  }

  public Duration allowedLateness() {
    return Duration.ofMillis(allowedLatenessMillis);
  }
}
