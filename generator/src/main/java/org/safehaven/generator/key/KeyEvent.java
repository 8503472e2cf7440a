package org.safehaven.generator.key;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * The parts of interchange-format events that the specification's rules read. Fields the rules ignore (occurredAt,
 * officerId, queryId/disclosureId, purpose, and the reportId a flow cites) are left out on purpose: the rules
 * name the report from the person's roles, not from what the flow claims.
 */
public sealed interface KeyEvent {

  String eventId();

  String force();

  /** The event time that orders it: reportedAt, changedAt, queriedAt or disclosedAt. */
  Instant time();

  record Person(String personId, Role role) {
    public Person {
      Objects.requireNonNull(personId, "personId");
      Objects.requireNonNull(role, "role");
    }
  }

  record Report(String eventId, String force, String reportId, Instant reportedAt, Offence offence,
                List<Person> persons) implements KeyEvent {
    public Report {
      persons = List.copyOf(persons);
    }

    @Override
    public Instant time() {
      return reportedAt;
    }
  }

  record StatusChange(String eventId, String force, String reportId, CaseStatusValue status, Instant changedAt)
      implements KeyEvent {
    @Override
    public Instant time() {
      return changedAt;
    }
  }

  record Check(String eventId, String force, Instant queriedAt, String personId, PncReason reason)
      implements KeyEvent {
    @Override
    public Instant time() {
      return queriedAt;
    }
  }

  record Disclosed(String eventId, String force, Instant disclosedAt, String personId, Recipient recipient,
                   Channel channel) implements KeyEvent {
    @Override
    public Instant time() {
      return disclosedAt;
    }
  }
}
