package org.safehaven.streams.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.safehaven.schema.Role;
import org.safehaven.schema.RoleHeld;

/**
 * What a person's roles mean at one instant, by domain.md: a role counts from its report's
 * {@code reportedAt} to {@code reportedAt + lookback}, both ends inclusive. Pure functions of the roles
 * list, shared by the rules and the lineage tagging so the two can never disagree.
 */
public final class RolesAt {

  /**
   * Orders reports "most recent first": later {@code reportedAt} first, then the greater reportId, so the
   * report an alert names is fully determined even when two reports carry the same instant.
   */
  public static final Comparator<RoleHeld> MOST_RECENT_FIRST =
      Comparator.comparingLong((RoleHeld r) -> r.getReportedAt().toEpochMilli())
          .thenComparing(RoleHeld::getReportId)
          .reversed();

  private RolesAt() {
  }

  public static boolean isProtected(Role role) {
    return role == Role.VICTIM || role == Role.WITNESS;
  }

  public static boolean isSuspectOrOffender(Role role) {
    return role == Role.SUSPECT || role == Role.OFFENDER;
  }

  /** Whether the role counts at {@code atMillis}: {@code reportedAt <= at <= reportedAt + lookback}. */
  public static boolean counts(RoleHeld role, long atMillis, Duration lookback) {
    long from = role.getReportedAt().toEpochMilli();
    return from <= atMillis && atMillis <= from + lookback.toMillis();
  }

  /** The protected (VICTIM, WITNESS) roles that count at the instant, most recent report first. */
  public static List<RoleHeld> protectedRoles(List<RoleHeld> roles, long atMillis, Duration lookback) {
    List<RoleHeld> out = new ArrayList<>();
    for (RoleHeld r : roles) {
      if (isProtected(r.getRole()) && counts(r, atMillis, lookback)) {
        out.add(r);
      }
    }
    out.sort(MOST_RECENT_FIRST);
    return out;
  }

  /** The report an alert names: the most recent report before the event that gives a protected role. */
  public static Optional<RoleHeld> namedReport(List<RoleHeld> roles, long atMillis, Duration lookback) {
    List<RoleHeld> p = protectedRoles(roles, atMillis, lookback);
    return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
  }

  /** Whether the person holds a SUSPECT or OFFENDER role from any report that counts at the instant. */
  public static boolean suspectOrOffender(List<RoleHeld> roles, long atMillis, Duration lookback) {
    for (RoleHeld r : roles) {
      if (isSuspectOrOffender(r.getRole()) && counts(r, atMillis, lookback)) {
        return true;
      }
    }
    return false;
  }
}
