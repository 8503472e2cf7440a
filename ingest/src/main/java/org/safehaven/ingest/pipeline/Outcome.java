package org.safehaven.ingest.pipeline;

import java.util.List;
import org.safehaven.ingest.validate.Violation;

/**
 * What became of one event. Every event read ends in exactly one outcome, which is what makes
 * {@code read = accepted + duplicates + rejected} hold.
 *
 * @param kind       ACCEPTED (its canonical record is on the broker), DUPLICATE (an event with this
 *                   force and eventId was accepted before; nothing written) or REJECTED (its dead letter
 *                   is on the broker)
 * @param eventId    the event's id where it could be read, else null
 * @param force      the event's force where it could be read, else null
 * @param topic      the topic written: canonical (ACCEPTED) or dead letters (REJECTED); null for DUPLICATE
 * @param violations why it was rejected; empty otherwise
 */
public record Outcome(Kind kind, String eventId, String force, String topic, List<Violation> violations) {

  public enum Kind { ACCEPTED, DUPLICATE, REJECTED }

  public Outcome {
    violations = violations == null ? List.of() : List.copyOf(violations);
    if ((kind == Kind.REJECTED) == violations.isEmpty()) {
      throw new IllegalArgumentException("exactly the rejected outcomes carry violations");
    }
  }

  public static Outcome accepted(String eventId, String force, String topic) {
    return new Outcome(Kind.ACCEPTED, eventId, force, topic, List.of());
  }

  public static Outcome duplicate(String eventId, String force) {
    return new Outcome(Kind.DUPLICATE, eventId, force, null, List.of());
  }

  public static Outcome rejected(String eventId, String force, String topic, List<Violation> violations) {
    return new Outcome(Kind.REJECTED, eventId, force, topic, violations);
  }
}
