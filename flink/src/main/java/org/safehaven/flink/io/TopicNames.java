package org.safehaven.flink.io;

import java.io.Serializable;
import java.util.List;
import org.safehaven.core.topic.Topics;

/**
 * The topics the job reads and writes. The platform's names by default ({@link #platform()}); a prefixed set
 * ({@link #prefixed}) lets tests and side-by-side replays use topics of their own on a shared broker.
 */
public record TopicNames(String crimeReports, String caseStatus, String pncQueries, String disclosures,
                         String alerts, String metrics, String deadLetters) implements Serializable {

  public static TopicNames platform() {
    return new TopicNames(Topics.CRIME_REPORTS.name(), Topics.CASE_STATUS.name(), Topics.PNC_QUERIES.name(),
        Topics.DISCLOSURES.name(), Topics.ALERTS.name(), Topics.METRICS.name(), Topics.DEAD_LETTERS.name());
  }

  /** Every platform name with {@code prefix} in front, e.g. {@code it-42.safehaven.alerts}. */
  public static TopicNames prefixed(String prefix) {
    TopicNames p = platform();
    return new TopicNames(prefix + p.crimeReports, prefix + p.caseStatus, prefix + p.pncQueries,
        prefix + p.disclosures, prefix + p.alerts, prefix + p.metrics, prefix + p.deadLetters);
  }

  public List<String> inputs() {
    return List.of(crimeReports, caseStatus, pncQueries, disclosures);
  }
}
