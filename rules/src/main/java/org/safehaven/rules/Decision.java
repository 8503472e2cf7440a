package org.safehaven.rules;

import java.io.Serializable;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * What a rule decided about one triggering event: everything an alert says but when it was detected and its
 * revision. {@code delayHours}, {@code phase}, {@code channel}, {@code recipient} are null where the rule has
 * none; {@code soonAfterClosure} is what SYSTEMATIC_DEFERRAL counts of a DELAYED_SHARING disclosure;
 * {@code windowDisclosures} and {@code windowAfterClosure} are SYSTEMATIC_DEFERRAL's counts (else null).
 */
public record Decision(Rule rule, String force, String triggeringEventId, long eventTime, Severity severity,
                       String personRef, String reportId, Offence offence, Long delayHours, Phase phase,
                       boolean mixedRoles, Channel channel, Recipient recipient, boolean soonAfterClosure,
                       Integer windowDisclosures, Integer windowAfterClosure) implements Serializable {
}
