package org.safehaven.flink.event;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;

/** The canonical Avro records as {@link InputEvent}s. Pure. */
public final class InputEvents {

  private InputEvents() {
  }

  public static InputEvent of(SpecificRecord record) {
    if (record instanceof CrimeReported r) {
      return report(r);
    }
    if (record instanceof CaseStatus s) {
      return status(s);
    }
    if (record instanceof PncQuery q) {
      return query(q);
    }
    if (record instanceof Disclosure d) {
      return disclosure(d);
    }
    throw new IllegalArgumentException("not a canonical event: " + record.getClass().getSimpleName());
  }

  public static InputEvent report(CrimeReported r) {
    InputEvent e = base(InputEvent.Kind.REPORT, r.getEventId(), r.getForce(), r.getReportedAt().toEpochMilli());
    e.reportId = r.getReportId();
    e.offence = r.getOffence();
    List<ReportedPerson> persons = r.getPersons();
    e.personRefs = new String[persons.size()];
    e.roles = new Role[persons.size()];
    for (int i = 0; i < persons.size(); i++) {
      e.personRefs[i] = persons.get(i).getPersonRef();
      e.roles[i] = persons.get(i).getRole();
    }
    return e;
  }

  public static InputEvent status(CaseStatus s) {
    InputEvent e = base(InputEvent.Kind.STATUS, s.getEventId(), s.getForce(), s.getChangedAt().toEpochMilli());
    e.reportId = s.getReportId();
    e.status = s.getStatus();
    return e;
  }

  public static InputEvent query(PncQuery q) {
    InputEvent e = base(InputEvent.Kind.PNC_QUERY, q.getEventId(), q.getForce(), q.getQueriedAt().toEpochMilli());
    e.personRef = q.getPersonRef();
    e.reason = q.getReason();
    return e;
  }

  public static InputEvent disclosure(Disclosure d) {
    InputEvent e = base(InputEvent.Kind.DISCLOSURE, d.getEventId(), d.getForce(), d.getDisclosedAt().toEpochMilli());
    e.personRef = d.getPersonRef();
    e.recipient = d.getRecipient();
    e.channel = d.getChannel();
    return e;
  }

  public static InputEvent rejected(Rejection why) {
    InputEvent e = new InputEvent();
    e.kind = InputEvent.Kind.REJECTED;
    e.time = why.rejectedAt;
    e.rejection = why;
    return e;
  }

  private static InputEvent base(InputEvent.Kind kind, String eventId, String force, long time) {
    InputEvent e = new InputEvent();
    e.kind = kind;
    e.eventId = eventId;
    e.force = force;
    e.time = time;
    return e;
  }
}
