package org.safehaven.streams;

/** The application's state stores. Their changelog topics are named after them, so names are a contract. */
public final class StoreNames {

  /** reportId -> the crime report (CrimeReported). */
  public static final String REPORTS = "reports";
  /** reportId -> the case status in force, latest by changedAt (CaseStatus). */
  public static final String CASE_STATUS = "case-status";
  /** zero-padded expiry millis | reportId -> reportId: the index that purges reports after the lookback. */
  public static final String REPORT_EXPIRY = "report-expiry";
  /** personRef -> every role the person holds (PersonRoles); queryable (interactive queries). */
  public static final String PERSON_ROLES = "person-roles";
  /** zero-padded expiry millis | personRef -> personRef: purges roles after the lookback. */
  public static final String ROLE_EXPIRY = "role-expiry";
  /** window store, personRef|eventId at eventTime -> the tagged flow: flows held for re-evaluation. */
  public static final String FLOWS = "flows";
  /** window store, alertId at eventTime -> detectedAt millis: alerts already raised. */
  public static final String EMITTED_ALERTS = "emitted-alerts";

  private StoreNames() {
  }

  /** An index key that sorts by time: 13 digits hold every epoch millisecond up to the year 2286. */
  public static String expiryKey(long expiryMillis, String id) {
    return String.format(java.util.Locale.ROOT, "%013d|%s", Math.max(0, expiryMillis), id);
  }

  /** The id part of an {@link #expiryKey}. */
  public static String expiryId(String key) {
    return key.substring(14);
  }

  /** The time part of an {@link #expiryKey}. */
  public static long expiryMillis(String key) {
    return Long.parseLong(key.substring(0, 13));
  }
}
