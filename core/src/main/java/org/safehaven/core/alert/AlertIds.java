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
 * <p>SHARED_AT_REPORT and DELAYED_SHARING share one id per disclosure: a disclosure to an immigration
 * recipient breaks exactly one of them, and which one can change when a more recent report arrives later (a
 * closer report turns delayed sharing into sharing at report). The alert is then corrected under its id, as a
 * new revision, instead of being raised twice.
 *
 * <p>Why the force: ingest deduplicates by (force, eventId), so two forces may send the same eventId; the
 * alert belongs to the force that made the query or disclosure (docs/specification.md). Without the force in the id, one
 * force's alert would share a document id with another force's and overwrite it in Elasticsearch.
 */
public final class AlertIds {

  private AlertIds() {
  }

  public static String of(Rule rule, String force, String triggeringEventId) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(force, "force");
    Objects.requireNonNull(triggeringEventId, "triggeringEventId");
    return UUID.nameUUIDFromBytes((family(rule) + "|" + force + "|" + triggeringEventId)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The name an alert's id is derived from: the rule, or the one family of the two disclosure rules. */
  static String family(Rule rule) {
    return rule == Rule.SHARED_AT_REPORT || rule == Rule.DELAYED_SHARING ? "IMMIGRATION_DISCLOSURE" : rule.name();
  }
}
