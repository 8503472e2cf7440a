package org.safehaven.api.access;

import java.util.Optional;
import java.util.Set;
import org.safehaven.api.http.ApiException;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.id.ForceId;

/**
 * Who is asking, and what that allows. Pure rules, one place:
 *
 * <ul>
 *   <li>{@code OVERSIGHT}: everything.</li>
 *   <li>{@code FORCE:<slug>}: its own force's alerts, lineage and metrics, and the flows and delays of
 *       its own force (they are counts of its own lineage and alerts). Another force's alert or lineage
 *       answers 404, exactly as a missing one would, so existence is not revealed; asking a list or an
 *       aggregate for another force by name is a 403 (the force list is public, nothing leaks).</li>
 *   <li>{@code RESEARCHER}: the aggregate endpoints only (flows, delays, metrics), with small counts
 *       suppressed; never a personRef or report id, so alerts, the alert stream and lineage are 403.</li>
 *   <li>{@code OPERATOR} (the local file-import token) is not a reader: 403 everywhere.</li>
 * </ul>
 */
public record Caller(AccessRole role) {

  public boolean suppressSmallCounts() {
    return role.kind() == AccessRole.Kind.RESEARCHER;
  }

  /** The one force a FORCE caller is confined to; empty for callers who see every force. */
  public Optional<ForceId> confinedTo() {
    return role.kind() == AccessRole.Kind.FORCE ? Optional.of(role.force()) : Optional.empty();
  }

  /** Alerts (list, single, stream) and lineage: oversight and forces. */
  public void requireCaseLevel() {
    switch (role.kind()) {
      case OVERSIGHT, FORCE -> { }
      case RESEARCHER -> throw ApiException.forbidden(
          "a RESEARCHER token gives aggregates only (flows, delays, metrics), never individual alerts or lineage");
      case OPERATOR -> throw notAReader();
    }
  }

  /** Flows, delays, metrics: everyone who reads. */
  public void requireAggregates() {
    if (role.kind() == AccessRole.Kind.OPERATOR) {
      throw notAReader();
    }
  }

  /**
   * The forces a list or aggregate covers: what was asked, confined to the caller's own force. A FORCE
   * caller who names another force gets a 403; one who names none gets its own.
   */
  public Set<ForceId> scope(Set<ForceId> requested) {
    Optional<ForceId> own = confinedTo();
    if (own.isEmpty()) {
      return requested;
    }
    for (ForceId f : requested) {
      if (!f.equals(own.get())) {
        throw ApiException.forbidden("a " + role + " token sees only " + own.get().slug() + "'s data");
      }
    }
    return Set.of(own.get());
  }

  private static ApiException notAReader() {
    return ApiException.forbidden("this token is for importing files, not for reading results");
  }
}
