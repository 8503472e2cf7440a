package org.safehaven.flink.event;

import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * One canonical event as the job carries it: the four topics' records flattened into one tagged type, so
 * that the job has one input stream, one watermark per source split and one timestamp ({@link #time}, the
 * event's own time in epoch millis). A Flink POJO (public fields, no-arg constructor) so Flink serializes it
 * with its own fast serializer, not Kryo. Holds person references only, never a raw person identifier.
 *
 * <p>Which fields are set, by {@link #kind}:
 * <ul>
 *   <li>REPORT: eventId, force, reportId, time = reportedAt, offence, personRefs[i] with roles[i];</li>
 *   <li>STATUS: eventId, force, reportId, time = changedAt, status;</li>
 *   <li>PNC_QUERY: eventId, force, time = queriedAt, personRef, reason;</li>
 *   <li>DISCLOSURE: eventId, force, time = disclosedAt, personRef, recipient, channel;</li>
 *   <li>REJECTED: a record that could not be read; {@link #rejection} says why (no payload travels).</li>
 * </ul>
 */
public class InputEvent implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  public enum Kind { REPORT, STATUS, PNC_QUERY, DISCLOSURE, REJECTED }

  public Kind kind;
  public String eventId;
  public String force;
  public long time;
  public String reportId;
  public Offence offence;
  public String[] personRefs;
  public Role[] roles;
  public CaseStatusValue status;
  public String personRef;
  public PncReason reason;
  public Recipient recipient;
  public Channel channel;
  public Rejection rejection;

  public InputEvent() {
  }

  @Override
  public String toString() {
    // No person reference: toString ends up in logs and exception messages.
    return "InputEvent[" + kind + " " + eventId + " " + force + " @" + time + "]";
  }
}
