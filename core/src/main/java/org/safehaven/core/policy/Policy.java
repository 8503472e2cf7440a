package org.safehaven.core.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

/**
 * The thresholds of the specification's rules, as the one policy file sets them. Immutable and validated on
 * construction, so a {@code Policy} in hand is always usable; {@link PolicyLoader} reads it from YAML.
 *
 * <p>Contract of each threshold (every window is inclusive at both ends):
 * <ul>
 *   <li>{@code lookback}: a VICTIM or WITNESS role counts from the report's {@code reportedAt} to
 *       {@code reportedAt + lookback}. SUSPECT/OFFENDER roles count for {@code mixedRoles} over the same span.</li>
 *   <li>{@code immediateWindow}: a disclosure within {@code [reportedAt, reportedAt + immediateWindow]} is
 *       SHARED_AT_REPORT; after it, DELAYED_SHARING.</li>
 *   <li>{@code allowedLateness}: the disorder expected within one feed. No decision waits for it (alerts are
 *       raised at once and corrected as revisions); it bounds how long ordinary flows are held to re-tag their
 *       lineage, and the replay job's watermark. What is decided exactly is every event up to the lookback
 *       behind the newest one (the horizon, {@code RuleSettings#horizonMillis} in the rule kernel).</li>
 *   <li>{@code patternWindow}, {@code patternMinDisclosures}, {@code patternAfterClosureWindow},
 *       {@code patternAfterClosureShare}: SYSTEMATIC_DEFERRAL fires when a force's DELAYED_SHARING disclosures
 *       in {@code [t - patternWindow, t]} number at least {@code patternMinDisclosures} and MORE THAN
 *       {@code patternAfterClosureShare} of them were made within {@code patternAfterClosureWindow} after
 *       their case was closed ({@link #patternMet}).</li>
 *   <li>{@code criticalOffences}: a protected role from a report with one of these offences raises the
 *       alert's severity to CRITICAL.</li>
 *   <li>{@code closedStatuses}: case statuses that mean the case is closed for the AFTER_CASE_CLOSED phase.
 *       By default CLOSED and NO_FURTHER_ACTION: after NO_FURTHER_ACTION the investigation is over, which is
 *       exactly the "appropriate juncture" at which the guidance lets officers share, so deferral to that
 *       point is the pattern oversight bodies need to see. CHARGED is not closed: a prosecution is ongoing.</li>
 * </ul>
 * {@code version} is recorded on every alert, so an alert can always be traced to the thresholds that
 * decided it.
 */
public record Policy(
    String version,
    Duration lookback,
    Duration immediateWindow,
    Duration allowedLateness,
    Duration patternWindow,
    int patternMinDisclosures,
    Duration patternAfterClosureWindow,
    double patternAfterClosureShare,
    Set<Offence> criticalOffences,
    Set<CaseStatusValue> closedStatuses) {

  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(730);
  public static final Duration DEFAULT_IMMEDIATE_WINDOW = Duration.ofHours(72);
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(24);
  public static final Duration DEFAULT_PATTERN_WINDOW = Duration.ofDays(90);
  public static final int DEFAULT_PATTERN_MIN_DISCLOSURES = 5;
  public static final Duration DEFAULT_PATTERN_AFTER_CLOSURE_WINDOW = Duration.ofDays(14);
  public static final double DEFAULT_PATTERN_AFTER_CLOSURE_SHARE = 0.5;
  public static final Set<Offence> DEFAULT_CRITICAL_OFFENCES = Collections.unmodifiableSet(
      EnumSet.of(Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY));
  public static final Set<CaseStatusValue> DEFAULT_CLOSED_STATUSES = Collections.unmodifiableSet(
      EnumSet.of(CaseStatusValue.CLOSED, CaseStatusValue.NO_FURTHER_ACTION));

  public Policy {
    require(version != null && version.matches("[\\x21-\\x7E][\\x20-\\x7E]{0,63}"), "version",
        "is required: a printable label of at most 64 characters, e.g. \"2026-1\"");
    version = version.strip();
    requirePositive(lookback, "lookback");
    requireNotNegative(immediateWindow, "immediateWindow");
    requireNotNegative(allowedLateness, "allowedLateness");
    requirePositive(patternWindow, "patternWindow");
    require(patternMinDisclosures >= 1, "patternMinDisclosures", "must be at least 1");
    requireNotNegative(patternAfterClosureWindow, "patternAfterClosureWindow");
    require(patternAfterClosureShare >= 0.0 && patternAfterClosureShare < 1.0, "patternAfterClosureShare",
        "must be at least 0 and less than 1 (it is a share: 0.5 means \"more than half\")");
    require(immediateWindow.compareTo(lookback) < 0, "immediateWindow", "must be shorter than lookback");
    require(criticalOffences != null, "criticalOffences", "must be a list (it may be empty)");
    require(closedStatuses != null && !closedStatuses.isEmpty(), "closedStatuses",
        "must name at least one case status");
    require(!closedStatuses.contains(CaseStatusValue.OPEN), "closedStatuses", "cannot contain OPEN");
    criticalOffences = criticalOffences.isEmpty()
        ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(criticalOffences));
    closedStatuses = Collections.unmodifiableSet(EnumSet.copyOf(closedStatuses));
  }

  /** The built-in thresholds of the specification (docs/specification.md), labelled with the given version. */
  public static Policy defaults(String version) {
    return new Policy(version, DEFAULT_LOOKBACK, DEFAULT_IMMEDIATE_WINDOW, DEFAULT_ALLOWED_LATENESS,
        DEFAULT_PATTERN_WINDOW, DEFAULT_PATTERN_MIN_DISCLOSURES, DEFAULT_PATTERN_AFTER_CLOSURE_WINDOW,
        DEFAULT_PATTERN_AFTER_CLOSURE_SHARE, DEFAULT_CRITICAL_OFFENCES, DEFAULT_CLOSED_STATUSES);
  }

  public boolean isCritical(Offence offence) {
    return criticalOffences.contains(Objects.requireNonNull(offence, "offence"));
  }

  public boolean isClosed(CaseStatusValue status) {
    return closedStatuses.contains(Objects.requireNonNull(status, "status"));
  }

  /**
   * The SYSTEMATIC_DEFERRAL condition for one window: at least {@code patternMinDisclosures} delayed
   * disclosures, of which strictly more than {@code patternAfterClosureShare} were made soon after closure.
   * With the default share of 0.5 this is exactly {@code count >= 5 && 2 * soonAfterClosure > count}.
   */
  public boolean patternMet(int count, int soonAfterClosure) {
    return count >= patternMinDisclosures && soonAfterClosure > patternAfterClosureShare * count;
  }

  private static void requirePositive(Duration d, String key) {
    require(d != null, key, "is required");
    require(!d.isNegative() && !d.isZero(), key, "must be a positive duration");
  }

  private static void requireNotNegative(Duration d, String key) {
    require(d != null, key, "is required");
    require(!d.isNegative(), key, "must not be negative");
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new PolicyException("policy '" + key + "' " + problem);
    }
  }
}
