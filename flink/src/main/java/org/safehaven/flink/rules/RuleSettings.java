package org.safehaven.flink.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

/**
 * The policy's thresholds in the form the job's functions carry: {@link Serializable} (a {@link Policy} is a
 * plain record and travels to no task manager), in epoch-millisecond arithmetic. Made only from a validated
 * {@link Policy}, so every threshold here has passed the policy's checks.
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

  public Duration allowedLateness() {
    return Duration.ofMillis(allowedLatenessMillis);
  }
}
