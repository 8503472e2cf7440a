package org.safehaven.streams.rules;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.safehaven.schema.Rule;

/**
 * The id of an alert: a name-based UUID (version 3) of the rule and the triggering event's id. The same
 * (rule, event) always gives the same id, in every process and every replay, which is what lets the
 * application and every consumer recognise an alert they have already seen.
 */
public final class AlertIds {

  private AlertIds() {
  }

  public static String of(Rule rule, String triggeringEventId) {
    return UUID.nameUUIDFromBytes((rule.name() + "|" + triggeringEventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
