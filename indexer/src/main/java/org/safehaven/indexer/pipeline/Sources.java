package org.safehaven.indexer.pipeline;

import java.util.List;
import java.util.Objects;
import org.safehaven.core.topic.Topics;

/**
 * The topics the indexer reads, and where its dead letters go. The platform's are {@link #PLATFORM};
 * tests and the benchmark use topics of their own (same record types) so they can run beside everything
 * else on one shared stack.
 */
public record Sources(String alerts, String lineage, String metrics, String crimeReports, String caseStatus,
                      String deadLetters) {

  public static final Sources PLATFORM = new Sources(Topics.ALERTS.name(), Topics.LINEAGE.name(),
      Topics.METRICS.name(), Topics.CRIME_REPORTS.name(), Topics.CASE_STATUS.name(), Topics.DEAD_LETTERS.name());

  public Sources {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(crimeReports, "crimeReports");
    Objects.requireNonNull(caseStatus, "caseStatus");
    Objects.requireNonNull(deadLetters, "deadLetters");
    if (List.of(alerts, lineage, metrics, crimeReports, caseStatus).contains(deadLetters)) {
      throw new IllegalArgumentException("the dead-letter topic cannot also be an input");
    }
  }

  /** Topics named {@code <prefix>.alerts}, {@code <prefix>.lineage}, ... for a test or a benchmark. */
  public static Sources prefixed(String prefix) {
    return new Sources(prefix + ".alerts", prefix + ".lineage", prefix + ".metrics", prefix + ".crime-reports",
        prefix + ".case-status", prefix + ".dead-letters");
  }

  public List<String> inputs() {
    return List.of(alerts, lineage, metrics, crimeReports, caseStatus);
  }
}
