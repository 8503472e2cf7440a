package org.safehaven.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.safehaven.schema.Rule;

/**
 * The id of an alert: a name-based UUID (version 3) of {@code rule + "|" + force + "|" + triggeringEventId}.
 * The same (rule, force, event) always gives the same id, in every process, every replay and every restart,
 * which is what lets the Kafka Streams application, the Flink job and every consumer recognise an alert
 * already seen. Every processor that raises alerts calls this one function.
 *
 * <p>Why the force: ingest deduplicates by (force, eventId), so two forces may send the same eventId; the
 * alert belongs to the force that made the query or disclosure (domain.md). Without the force in the id, one
 * force's alert would share a document id with another force's and overwrite it in Elasticsearch.
 */
public final class AlertIds {

  private AlertIds() {
  }

  public static String of(Rule rule, String force, String triggeringEventId) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(force, "force");
    Objects.requireNonNull(triggeringEventId, "triggeringEventId");
    return UUID.nameUUIDFromBytes((rule.name() + "|" + force + "|" + triggeringEventId)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }
}
