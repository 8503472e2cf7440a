package org.safehaven.api.query;

import java.util.Set;
import org.safehaven.api.http.TimeRange;
import org.safehaven.core.id.ForceId;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** The validated filters of each endpoint: typed values only, never text from the request. */
public final class Filters {

  private Filters() {}

  /** An empty set means "any". */
  public record Alerts(Set<ForceId> forces, Set<Rule> rules, Set<Severity> severities, TimeRange range) {}

  public record Flows(Set<ForceId> forces, Set<Recipient> recipients, Set<Channel> channels, Set<Offence> offences,
                      TimeRange range) {}

  public record Delays(Set<ForceId> forces, Set<Offence> offences, Set<Phase> phases, TimeRange range) {}

  public record Metrics(Set<ForceId> forces, TimeRange range) {}

  /** What flows and delays can be grouped by; names are the parameter values (case-insensitive). */
  public enum FlowDimension {
    FORCE("force"), RECIPIENT("recipient"), CHANNEL("channel"), OFFENCE("offence"), MONTH("eventTime");

    private final String field;

    FlowDimension(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum DelayDimension {
    FORCE("force"), OFFENCE("offence"), PHASE("phase");

    private final String field;

    DelayDimension(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
