package org.safehaven.core.topic;

import java.util.List;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;
import org.safehaven.schema.PncQuery;
import org.apache.avro.specific.SpecificRecord;

/**
 * The platform's topics, in one immutable catalogue. Partition counts and retention come from
 * configuration ({@code topics.*}), not from here.
 */
public final class Topics {

  /** Raw JSON events, one interchange-format object per record, for forces that stream. */
  public static final Topic<SpecificRecord> EVENTS_RAW = new Topic<>("safehaven.events-raw", "force", null, false);

  public static final Topic<CrimeReported> CRIME_REPORTS =
      new Topic<>("safehaven.crime-reports", "reportId", CrimeReported.class, false);
  public static final Topic<PncQuery> PNC_QUERIES =
      new Topic<>("safehaven.pnc-queries", "personRef", PncQuery.class, false);
  public static final Topic<Disclosure> DISCLOSURES =
      new Topic<>("safehaven.disclosures", "personRef", Disclosure.class, false);
  public static final Topic<CaseStatus> CASE_STATUS =
      new Topic<>("safehaven.case-status", "reportId", CaseStatus.class, false);

  public static final Topic<PersonRoles> PERSON_ROLES =
      new Topic<>("safehaven.person-roles", "personRef", PersonRoles.class, true);
  public static final Topic<LineageRecord> LINEAGE =
      new Topic<>("safehaven.lineage", "personRef", LineageRecord.class, false);
  public static final Topic<Alert> ALERTS = new Topic<>("safehaven.alerts", "force", Alert.class, false);
  public static final Topic<ForceDayMetrics> METRICS =
      new Topic<>("safehaven.metrics", "force|day", ForceDayMetrics.class, false);
  public static final Topic<DeadLetter> DEAD_LETTERS =
      new Topic<>("safehaven.dead-letters", "force or source", DeadLetter.class, false);

  public static final List<Topic<?>> CANONICAL = List.of(CRIME_REPORTS, PNC_QUERIES, DISCLOSURES, CASE_STATUS);

  public static final List<Topic<?>> ALL = List.of(
      EVENTS_RAW, CRIME_REPORTS, PNC_QUERIES, DISCLOSURES, CASE_STATUS,
      PERSON_ROLES, LINEAGE, ALERTS, METRICS, DEAD_LETTERS);

  private Topics() {}
}
