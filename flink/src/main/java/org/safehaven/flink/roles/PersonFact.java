package org.safehaven.flink.roles;

import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * What the person-keyed rules learn about one person, keyed by {@link #personRef}:
 * <ul>
 *   <li>GRANT: the person holds {@link #role} on report {@link #reportId} ({@link #offence}) from
 *       {@link #time} = reportedAt;</li>
 *   <li>STATUS: report {@link #reportId}, which gives the person a protected role, changed to {@link #status}
 *       at {@link #time} = changedAt (event {@link #eventId});</li>
 *   <li>FLOW: a candidate flow about the person, by {@link #force} at {@link #time}: a PNC query
 *       ({@link #reason} IMMIGRATION_STATUS) or a disclosure to an immigration recipient.</li>
 * </ul>
 * A Flink POJO; never logged with its person reference.
 */
public class PersonFact {

  public enum Kind { GRANT, STATUS, FLOW }

  public Kind kind;
  public String personRef;
  public long time;
  public String eventId;
  public String reportId;
  public Role role;
  public Offence offence;
  public CaseStatusValue status;
  public String force;
  public PncReason reason;
  public Recipient recipient;
  public Channel channel;

  public PersonFact() {
  }

  public static PersonFact grant(String personRef, String reportId, Role role, Offence offence, long reportedAt) {
    PersonFact f = new PersonFact();
    f.kind = Kind.GRANT;
    f.personRef = personRef;
    f.reportId = reportId;
    f.role = role;
    f.offence = offence;
    f.time = reportedAt;
    return f;
  }

  public static PersonFact status(String personRef, String reportId, String eventId, CaseStatusValue status,
                                  long changedAt) {
    PersonFact f = new PersonFact();
    f.kind = Kind.STATUS;
    f.personRef = personRef;
    f.reportId = reportId;
    f.eventId = eventId;
    f.status = status;
    f.time = changedAt;
    return f;
  }

  public static PersonFact query(String personRef, String eventId, String force, long queriedAt, PncReason reason) {
    PersonFact f = new PersonFact();
    f.kind = Kind.FLOW;
    f.personRef = personRef;
    f.eventId = eventId;
    f.force = force;
    f.time = queriedAt;
    f.reason = reason;
    return f;
  }

  public static PersonFact disclosure(String personRef, String eventId, String force, long disclosedAt,
                                      Recipient recipient, Channel channel) {
    PersonFact f = new PersonFact();
    f.kind = Kind.FLOW;
    f.personRef = personRef;
    f.eventId = eventId;
    f.force = force;
    f.time = disclosedAt;
    f.recipient = recipient;
    f.channel = channel;
    return f;
  }

  public boolean isDisclosure() {
    return kind == Kind.FLOW && recipient != null;
  }

  @Override
  public String toString() {
    return "PersonFact[" + kind + " " + (eventId != null ? eventId : reportId) + " @" + time + "]";
  }
}
