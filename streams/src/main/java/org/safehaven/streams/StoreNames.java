package org.safehaven.streams;

/** The application's state stores. Their changelog topics are named after them, so names are a contract. */
public final class StoreNames {

  /** reportId -> the crime report (CrimeReported). */
  public static final String REPORTS = "reports";
  /** reportId -> the case status in force, latest by changedAt (CaseStatus). */
  public static final String CASE_STATUS = "case-status";
  /** personRef -> every role the person holds (PersonRoles); queryable (interactive queries). */
  public static final String PERSON_ROLES = "person-roles";
  /** heap window store, personRef|eventId at the start of its eventTime bucket (AlertsTopology.FLOW_BUCKET) -> the tagged flow. */
  public static final String FLOWS = "flows";
  /** heap window store, alertId at eventTime -> detectedAt millis: alerts already raised. */
  public static final String EMITTED_ALERTS = "emitted-alerts";

  private StoreNames() {
  }
}
