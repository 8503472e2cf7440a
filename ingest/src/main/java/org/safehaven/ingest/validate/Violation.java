package org.safehaven.ingest.validate;

import java.util.Objects;

/**
 * One way an event breaks the interchange format.
 *
 * @param path    JSON path of the offending field, e.g. {@code $.persons[1].role}; {@code $} for the
 *                whole event. Field names that do not look like the format's own (plain letters) are
 *                not echoed, since a name can carry data too.
 * @param rule    the rule broken
 * @param message for people: names the path and the rule, never the offending value (values can be
 *                personal: a person identifier typed into the wrong field)
 */
public record Violation(String path, Rule rule, String message) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message + " (" + rule.code() + ")";
  }
}
