package org.safehaven.streams;

import java.util.List;
import org.safehaven.core.topic.Topics;

/**
 * The topics the application reads and writes. The platform's are {@link #PLATFORM} (from {@link Topics});
 * {@link #withPrefix} gives a private set, e.g. for a test that must not write into the shared platform
 * topics.
 */
public record TopicNames(String crimeReports, String caseStatus, String pncQueries, String disclosures,
                         String personRoles, String lineage, String alerts, String deadLetters) {

  public static final TopicNames PLATFORM = new TopicNames(Topics.CRIME_REPORTS.name(), Topics.CASE_STATUS.name(),
      Topics.PNC_QUERIES.name(), Topics.DISCLOSURES.name(), Topics.PERSON_ROLES.name(), Topics.LINEAGE.name(),
      Topics.ALERTS.name(), Topics.DEAD_LETTERS.name());

  /** Every platform topic name with {@code prefix} in front. */
  public TopicNames withPrefix(String prefix) {
    return new TopicNames(prefix + crimeReports, prefix + caseStatus, prefix + pncQueries, prefix + disclosures,
        prefix + personRoles, prefix + lineage, prefix + alerts, prefix + deadLetters);
  }

  public List<String> all() {
    return List.of(crimeReports, caseStatus, pncQueries, disclosures, personRoles, lineage, alerts, deadLetters);
  }
}
