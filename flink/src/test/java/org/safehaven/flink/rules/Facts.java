package org.safehaven.flink.rules;

import org.safehaven.rules.RuleSettings;
import java.time.Duration;
import java.time.Instant;
import org.safehaven.core.policy.Policy;
import org.safehaven.flink.roles.PersonFact;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/** Small builders of person facts for the harness tests. Times in hours after {@link #T0}. */
final class Facts {

  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long DAY = Duration.ofDays(1).toMillis();
  static final RuleSettings RULES = RuleSettings.of(Policy.defaults("test-1"));

  private Facts() {
  }

  static long h(double hours) {
    return T0 + (long) (hours * HOUR);
  }

  static PersonFact grant(String person, String report, Role role, Offence offence, long at) {
    return PersonFact.grant(person, report, role, offence, at);
  }

  static PersonFact status(String person, String report, String eventId, CaseStatusValue s, long at) {
    return PersonFact.status(person, report, eventId, s, at);
  }

  static PersonFact disclosure(String person, String eventId, String force, long at) {
    return PersonFact.disclosure(person, eventId, force, at, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
  }
}
