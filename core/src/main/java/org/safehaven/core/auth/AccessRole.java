package org.safehaven.core.auth;

import java.util.Objects;
import org.safehaven.core.id.ForceId;

/**
 * What a bearer token may do. Written as {@code OVERSIGHT}, {@code RESEARCHER}, {@code OPERATOR} or
 * {@code FORCE:<slug>}.
 *
 * <ul>
 *   <li>{@code OVERSIGHT}: oversight bodies, the national picture and every force's alerts.</li>
 *   <li>{@code RESEARCHER}: suppressed historical aggregates only.</li>
 *   <li>{@code FORCE:<slug>}: one force; may submit only its own force's events and see only its own
 *       alerts and lineage.</li>
 *   <li>{@code OPERATOR}: the platform's own operator on the machine that runs it (the local
 *       {@code ./safehaven ingest} command importing files for any force); never handed to a user.</li>
 * </ul>
 *
 * @param kind  the kind of role
 * @param force the force of a {@code FORCE} role, null for every other kind
 */
public record AccessRole(Kind kind, ForceId force) {

  public enum Kind { OVERSIGHT, RESEARCHER, OPERATOR, FORCE }

  public static final AccessRole OVERSIGHT = new AccessRole(Kind.OVERSIGHT, null);
  public static final AccessRole RESEARCHER = new AccessRole(Kind.RESEARCHER, null);
  public static final AccessRole OPERATOR = new AccessRole(Kind.OPERATOR, null);

  public AccessRole {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.FORCE) != (force != null)) {
      throw new IllegalArgumentException("a FORCE role names exactly one force; other roles name none");
    }
  }

  public static AccessRole force(ForceId force) {
    return new AccessRole(Kind.FORCE, force);
  }

  /**
   * Parses {@code OVERSIGHT}, {@code RESEARCHER}, {@code OPERATOR} or {@code FORCE:<slug>}.
   *
   * @throws IllegalArgumentException naming the accepted forms (the bad text itself is echoed only via
   *                                  {@link ForceId}'s own, value-safe message)
   */
  public static AccessRole parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a role is required: OVERSIGHT, RESEARCHER, OPERATOR or FORCE:<slug>");
    }
    String t = text.trim();
    if (t.regionMatches(true, 0, "FORCE:", 0, 6)) {
      return force(ForceId.of(t.substring(6).trim()));
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.FORCE && k.name().equalsIgnoreCase(t)) {
        return new AccessRole(k, null);
      }
    }
    throw new IllegalArgumentException("unknown role: expected OVERSIGHT, RESEARCHER, OPERATOR or FORCE:<slug>");
  }

  /** Whether a holder of this role may submit an event of the given force. */
  public boolean maySubmitFor(ForceId eventForce) {
    return kind == Kind.OPERATOR || (kind == Kind.FORCE && force.equals(eventForce));
  }

  /** Whether a holder of this role may submit events at all. */
  public boolean maySubmit() {
    return kind == Kind.OPERATOR || kind == Kind.FORCE;
  }

  @Override
  public String toString() {
    return kind == Kind.FORCE ? "FORCE:" + force.slug() : kind.name();
  }
}
