package org.safehaven.flink.metrics;

import org.safehaven.flink.event.InputEvent;
import org.safehaven.schema.Channel;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * What one event adds to its force's day: the unit the daily metrics window sums. A Flink POJO;
 * carries no person reference or identifier, only the force, the event time and what is counted.
 */
public class Tally {

  public enum Kind { REPORT, PNC_QUERY, DISCLOSURE }

  public Kind kind;
  public String force;
  public long time;
  /** REPORT: its VICTIM and WITNESS entries. */
  public int victimsAndWitnesses;
  /** PNC_QUERY: reason IMMIGRATION_STATUS. */
  public boolean immigrationQuery;
  public Recipient recipient;
  public Channel channel;

  public Tally() {
  }

  /** The tally of a canonical event (null for a rejected record, which belongs to no force's day). */
  public static Tally of(InputEvent e) {
    Tally t = new Tally();
    t.force = e.force;
    t.time = e.time;
    switch (e.kind) {
      case REPORT -> {
        t.kind = Kind.REPORT;
        int n = 0;
        for (Role r : e.roles) {
          if (r == Role.VICTIM || r == Role.WITNESS) {
            n++;
          }
        }
        t.victimsAndWitnesses = n;
      }
      case PNC_QUERY -> {
        t.kind = Kind.PNC_QUERY;
        t.immigrationQuery = e.reason == PncReason.IMMIGRATION_STATUS;
      }
      case DISCLOSURE -> {
        t.kind = Kind.DISCLOSURE;
        t.recipient = e.recipient;
        t.channel = e.channel;
      }
      default -> {
        return null;
      }
    }
    return t;
  }

}
