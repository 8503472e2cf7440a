package org.safehaven.ingest.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.ReportedPerson;

/**
 * Turns a validated event into its canonical Avro record, pseudonymising every person on the way: the
 * only place where a raw identifier meets the record that leaves ingest.
 *
 * <p>Keys (the partitioning contract the stream processors rely on):
 * <ul>
 *   <li>{@code pnc_query} and {@code disclosure}: the personRef, so every flow about one person lands in
 *       one partition, in order;</li>
 *   <li>{@code crime_reported} and {@code case_status}: the reportId. A report names several persons,
 *       so it cannot sit in each of their partitions; the Streams application re-keys reports by
 *       person, and case statuses follow their report.</li>
 * </ul>
 * {@code acceptedAt} is the ingest time given by the caller (processing time, for end-to-end latency);
 * every other time is the event's own.
 */
public final class CanonicalMapper {

  private final Pseudonymiser pseudonymiser;

  public CanonicalMapper(Pseudonymiser pseudonymiser) {
    this.pseudonymiser = pseudonymiser;
  }

  public CanonicalRecord map(ValidEvent event, Instant acceptedAt) {
    if (event instanceof ValidEvent.CrimeReported e) {
      List<ReportedPerson> persons = new ArrayList<>(e.persons().size());
      for (ValidEvent.Person p : e.persons()) {
        persons.add(new ReportedPerson(pseudonymiser.refText(p.personId()), p.role()));
      }
      CrimeReported r = new CrimeReported(e.eventId(), e.force(), e.reportId(), e.occurredAt(), e.reportedAt(),
          e.offence(), persons, acceptedAt);
      return new CanonicalRecord(Topics.CRIME_REPORTS, e.reportId(), r);
    }
    if (event instanceof ValidEvent.PncQuery e) {
      String ref = pseudonymiser.refText(e.personId());
      PncQuery r = new PncQuery(e.eventId(), e.force(), e.queryId(), e.queriedAt(), e.officerId(), ref, e.reason(),
          e.reportId(), acceptedAt);
      return new CanonicalRecord(Topics.PNC_QUERIES, ref, r);
    }
    if (event instanceof ValidEvent.Disclosure e) {
      String ref = pseudonymiser.refText(e.personId());
      Disclosure r = new Disclosure(e.eventId(), e.force(), e.disclosureId(), e.disclosedAt(), ref, e.recipient(),
          e.channel(), e.purpose(), e.officerId(), e.reportId(), acceptedAt);
      return new CanonicalRecord(Topics.DISCLOSURES, ref, r);
    }
    ValidEvent.CaseStatus e = (ValidEvent.CaseStatus) event;
    CaseStatus r = new CaseStatus(e.eventId(), e.force(), e.reportId(), e.status(), e.changedAt(), acceptedAt);
    return new CanonicalRecord(Topics.CASE_STATUS, e.reportId(), r);
  }
}
