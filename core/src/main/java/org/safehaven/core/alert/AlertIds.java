package org.safehaven.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.safehaven.schema.Rule;

/**
 * The id of an alert: a name-based UUID (version 3) of {@code rule + "|" + triggeringEventId}. The same
 * (rule, event) always gives the same id, in every process, every replay and every restart, which is what
 * lets the Kafka Streams application, the Flink job and every consumer recognise an alert already seen.
 * Every processor that raises alerts must call this one function (the Streams rules' own copy derives the
 * identical id).
 */
public final class AlertIds {

  private AlertIds() {
  }

  public static String of(Rule rule, String triggeringEventId) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(triggeringEventId, "triggeringEventId");
    return UUID.nameUUIDFromBytes((rule.name() + "|" + triggeringEventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
