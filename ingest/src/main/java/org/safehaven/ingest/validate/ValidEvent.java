package org.safehaven.ingest.validate;

import java.time.Instant;
import java.util.List;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * An event that passed every rule of the interchange format, typed. It still holds the source's raw
 * person identifiers: it lives only between the validator and the pseudonymiser, inside one call, and
 * must never be logged, stored or put in a message ({@link #toString()} leaves them out).
 */
public sealed interface ValidEvent extends ValidationResult {

  String eventId();

  String force();

  /** The interchange-format name of the type, e.g. {@code crime_reported}. */
  String type();

  /** One person named on a crime report, with the source's raw identifier. */
  record Person(String personId, Role role) {
    @Override
    public String toString() {
      return "Person[role=" + role + "]";
    }
  }

  record CrimeReported(String eventId, String force, String reportId, Instant occurredAt, Instant reportedAt,
                       Offence offence, List<Person> persons) implements ValidEvent {
    public CrimeReported {
      persons = List.copyOf(persons);
    }

    @Override
    public String type() {
      return "crime_reported";
    }
  }

  record PncQuery(String eventId, String force, String queryId, Instant queriedAt, String officerId,
                  String personId, PncReason reason, String reportId) implements ValidEvent {
    @Override
    public String type() {
      return "pnc_query";
    }

    @Override
    public String toString() {
      return "PncQuery[eventId=" + eventId + ", force=" + force + ", reason=" + reason + "]";
    }
  }

  record Disclosure(String eventId, String force, String disclosureId, Instant disclosedAt, String personId,
                    Recipient recipient, Channel channel, Purpose purpose, String officerId, String reportId)
      implements ValidEvent {
    @Override
    public String type() {
      return "disclosure";
    }

    @Override
    public String toString() {
      return "Disclosure[eventId=" + eventId + ", force=" + force + ", recipient=" + recipient + "]";
    }
  }

  record CaseStatus(String eventId, String force, String reportId, CaseStatusValue status, Instant changedAt)
      implements ValidEvent {
    @Override
    public String type() {
      return "case_status";
    }
  }
}
