package org.safehaven.rules;

import java.io.Serializable;
import java.util.Objects;
import org.safehaven.schema.CaseStatusValue;

/** One change of a report's case status (the case_status event {@code eventId}) at {@code changedAt}. */
public record StatusChange(String reportId, String eventId, CaseStatusValue status, long changedAt)
    implements Serializable {

  public StatusChange {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(status, "status");
  }
}
