package org.safehaven.generator.key;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * One alert the rules must raise, as the answer key records it. No person appears: the key is matched by
 * {@code (rule, triggeringEventId)} and compared field by field. Fields that do not apply are null: for
 * PNC_IMMIGRATION_CHECK delayHours, phase, channel and recipient; for SHARED_AT_REPORT phase; for
 * SYSTEMATIC_DEFERRAL everything but rule, triggeringEventId, force, severity, eventTime, mixedRoles (false)
 * and the two window counts, which only it has.
 */
public record KeyAlert(
    Rule rule,
    String triggeringEventId,
    String force,
    Severity severity,
    String reportId,
    Instant eventTime,
    Long delayHours,
    Phase phase,
    boolean mixedRoles,
    Offence offence,
    Channel channel,
    Recipient recipient,
    Integer windowDisclosures,
    Integer windowAfterClosure) {

  /** The order of the key file: by event time, then triggering event, then rule. */
  public static final Comparator<KeyAlert> ORDER = Comparator.comparing(KeyAlert::eventTime)
      .thenComparing(KeyAlert::triggeringEventId)
      .thenComparing(KeyAlert::rule);

  public KeyAlert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(triggeringEventId, "triggeringEventId");
    Objects.requireNonNull(force, "force");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(eventTime, "eventTime");
  }
}
