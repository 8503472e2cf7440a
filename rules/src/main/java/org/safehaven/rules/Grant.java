package org.safehaven.rules;

import java.io.Serializable;
import java.util.Objects;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Role;

/**
 * A role one person holds from one report: the person entry of a crime report, with what the rules read of
 * the report. The role counts from {@code reportedAt} (epoch milliseconds) for the lookback, both ends
 * inclusive.
 */
public record Grant(String reportId, Role role, Offence offence, long reportedAt)
    implements Serializable {

  public Grant {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(offence, "offence");
  }

  public boolean isProtected() {
    return PersonRules.isProtected(role);
  }
}
