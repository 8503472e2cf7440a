package org.safehaven.streams;

/** The application's state stores. Their changelog topics are named after them, so names are a contract. */
public final class StoreNames {

  /** reportId -> the crime report (CrimeReported). */
  public static final String REPORTS = "reports";
  /** reportId -> every status change of the report's case (CaseHistory), so the rules read the status at any time. */
  public static final String CASE_HISTORY = "case-history";
  /** personRef -> every role the person holds (PersonRoles); queryable (interactive queries). */
  public static final String PERSON_ROLES = "person-roles";
  /** heap window store, personRef|eventId at the start of its eventTime bucket (AlertsTopology.FLOW_BUCKET) -> the tagged flow. */
  public static final String FLOWS = "flows";
  /**
   * personRef|eventId -> the candidate flow (an IMMIGRATION_STATUS query or a disclosure to an immigration
   * recipient), kept for the horizon so that a role arriving late, however late within it, re-decides it.
   */
  public static final String CANDIDATES = "candidate-flows";
  /** alertId -> the last revision written of each person alert (PNC_IMMIGRATION_CHECK, SHARED_AT_REPORT, DELAYED_SHARING). */
  public static final String ALERTS = "alerts-written";
  /** force|eventId -> a DELAYED_SHARING disclosure as the force's pattern counts it (DelayedDisclosure). */
  public static final String DEFERRAL_ENTRIES = "deferral-entries";
  /** force|eventId -> the last revision written of each SYSTEMATIC_DEFERRAL alert. */
  public static final String PATTERN_ALERTS = "pattern-alerts";

  private StoreNames() {
  }
}
