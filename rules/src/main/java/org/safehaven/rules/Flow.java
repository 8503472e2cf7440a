package org.safehaven.rules;

import java.io.Serializable;
import java.util.Objects;
import org.safehaven.schema.Channel;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;

/**
 * A flow of data about one person that a rule may judge: a PNC query ({@code reason} set) or a disclosure
 * ({@code recipient} and {@code channel} set), by {@code force} at {@code time} (queriedAt / disclosedAt).
 */
public record Flow(String eventId, String force, String personRef, long time, PncReason reason,
                   Recipient recipient, Channel channel) implements Serializable {

  public Flow {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(force, "force");
    if ((reason == null) == (recipient == null)) {
      throw new IllegalArgumentException("a flow is either a PNC query (reason) or a disclosure (recipient)");
    }
  }

  public static Flow query(String eventId, String force, String personRef, long queriedAt, PncReason reason) {
    return new Flow(eventId, force, personRef, queriedAt, Objects.requireNonNull(reason, "reason"), null, null);
  }

  public static Flow disclosure(String eventId, String force, String personRef, long disclosedAt,
                                Recipient recipient, Channel channel) {
    return new Flow(eventId, force, personRef, disclosedAt, null, Objects.requireNonNull(recipient, "recipient"),
        channel);
  }

  public boolean isDisclosure() {
    return recipient != null;
  }
}
