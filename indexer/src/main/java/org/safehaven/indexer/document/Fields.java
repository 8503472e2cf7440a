package org.safehaven.indexer.document;

/**
 * Field names shared by the documents, the index mappings and the query API, so a rename cannot leave
 * one of them behind.
 */
public final class Fields {

  // common
  public static final String EVENT_ID = "eventId";
  public static final String FORCE = "force";
  public static final String PERSON_REF = "personRef";
  public static final String REPORT_ID = "reportId";
  public static final String EVENT_TIME = "eventTime";
  public static final String OFFENCE = "offence";
  public static final String RECIPIENT = "recipient";
  public static final String CHANNEL = "channel";
  public static final String MIXED_ROLES = "mixedRoles";

  // alerts
  public static final String ALERT_ID = "alertId";
  public static final String RULE = "rule";
  public static final String SEVERITY = "severity";
  public static final String TRIGGERING_EVENT_ID = "triggeringEventId";
  public static final String DETECTED_AT = "detectedAt";
  public static final String DELAY_HOURS = "delayHours";
  public static final String PHASE = "phase";
  public static final String WINDOW_DISCLOSURES = "windowDisclosures";
  public static final String WINDOW_AFTER_CLOSURE = "windowAfterClosure";
  public static final String POLICY_VERSION = "policyVersion";
  /** 1 when raised, one more per correction; the alerts index keeps the highest. */
  public static final String REVISION = "revision";
  /** True on the revision that withdraws an alert: counted nowhere, listed nowhere by default. */
  public static final String WITHDRAWN = "withdrawn";

  // lineage
  public static final String FLOW_TYPE = "flowType";
  public static final String PNC_REASON = "pncReason";
  public static final String PURPOSE = "purpose";
  public static final String IMMIGRATION_RECIPIENT = "immigrationRecipient";
  public static final String PROTECTED_ROLES = "protectedRoles";
  /** Derived: whether the person held a protected role at event time. */
  public static final String PROTECTED = "protected";
  public static final String ROLE = "role";
  public static final String REPORTED_AT = "reportedAt";
  public static final String CASE_STATUS = "caseStatus";
  public static final String CASE_STATUS_CHANGED_AT = "caseStatusChangedAt";

  // metrics
  public static final String DAY = "day";
  public static final String CRIME_REPORTS = "crimeReports";
  public static final String VICTIMS_AND_WITNESSES = "victimsAndWitnesses";
  public static final String PNC_QUERIES = "pncQueries";
  public static final String PNC_IMMIGRATION_QUERIES = "pncImmigrationQueries";
  public static final String DISCLOSURES_BY_RECIPIENT = "disclosuresByRecipient";
  public static final String DISCLOSURES_BY_CHANNEL = "disclosuresByChannel";
  public static final String ALERTS_BY_RULE = "alertsByRule";
  public static final String DELAY_HOURS_P50 = "delayHoursP50";
  public static final String DELAY_HOURS_P90 = "delayHoursP90";

  // reports
  /** REPORT or CASE_STATUS. */
  public static final String KIND = "kind";
  public static final String OCCURRED_AT = "occurredAt";
  public static final String PERSONS = "persons";
  public static final String STATUS = "status";
  public static final String CHANGED_AT = "changedAt";

  public static final String KIND_REPORT = "REPORT";
  public static final String KIND_CASE_STATUS = "CASE_STATUS";

  private Fields() {}
}
