package org.safehaven.generator.world;

import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * One generated event, before it is written. A flat, mutable carrier on purpose: a national year is 60
 * million of them, and the world only holds those of the current day plus the scheduled future ones.
 * Which fields are set depends on {@link #type}; {@code null} optional fields are left out of the JSON.
 */
public final class Ev {

  public final EvType type;
  /** Event time, epoch seconds: reportedAt, queriedAt, disclosedAt or changedAt. */
  public final long time;
  /** Creation sequence: breaks ties between events of the same second, deterministically. */
  public final long order;
  public final Forces.Force force;

  /** The answer key needs this event (a report naming a tracked person, its case status, an immigration flow). */
  public boolean relevant;
  /** Emit this event twice with the same eventId (an edge case of the test profile). */
  public boolean plantedDuplicate;
  /** Assigned by the output stage, in event-time order. */
  public String eventId;
  /** How many times the output stage has written this event (more than once: a duplicate). */
  public int timesWritten;

  public String reportId;
  /** For a crime report: the year and sequence number its reportId was made from (see {@link Ids#reportId}). */
  public int reportYear;
  public int reportSeq;
  // crime_reported
  public long occurredAt;
  public Offence offence;
  public String[] personIds;
  public Role[] roles;
  // pnc_query and disclosure
  public String personId;
  public String officerId;
  /** queryId or disclosureId. */
  public String flowId;
  public PncReason reason;
  public Recipient recipient;
  public Channel channel;
  public Purpose purpose;
  // case_status
  public CaseStatusValue status;

  public Ev(EvType type, long time, long order, Forces.Force force) {
    this.type = type;
    this.time = time;
    this.order = order;
    this.force = force;
  }

  /** Orders by event time, then creation. */
  public static int compare(Ev a, Ev b) {
    int c = Long.compare(a.time, b.time);
    return c != 0 ? c : Long.compare(a.order, b.order);
  }
}
