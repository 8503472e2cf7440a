package org.safehaven.ingest.validate;

/**
 * The rules an event can break, by the short name that dead letters and HTTP answers carry. The names
 * are a public contract (dashboards count dead letters by rule): add, never rename.
 */
public enum Rule {
  /** The bytes are not one JSON document (syntax, encoding, trailing content, empty). */
  MALFORMED_JSON("malformed-json"),
  /** The event, a string or a number is larger than the configured limit. */
  TOO_LARGE("too-large"),
  /** Objects or arrays nest deeper than the configured limit. */
  TOO_DEEP("too-deep"),
  /** The same field name twice in one object: which one would count is ambiguous. */
  DUPLICATE_KEY("duplicate-key"),
  /** A required field is absent or null. */
  REQUIRED("required"),
  /** A field has the wrong JSON type (e.g. a number where a string belongs). */
  TYPE("type"),
  /** A value is not one of the field's enumeration (type, force, role, offence, ...). */
  ENUM("enum"),
  /** An identifier does not have the allowed shape (length, characters). */
  PATTERN("pattern"),
  /** A time is not an ISO-8601 UTC instant such as 2026-05-01T09:00:00Z. */
  INSTANT("instant"),
  /** A time lies before 1900, outside any record a force could hold. */
  RANGE("range"),
  /** A time lies further in the future than the configured clock skew allows. */
  FUTURE_SKEW("future-skew"),
  /** occurredAt lies after reportedAt. */
  TIME_ORDER("time-order"),
  /** A crime report names no person. */
  MIN_ITEMS("min-items"),
  /** A crime report names more persons than the configured limit. */
  MAX_ITEMS("max-items"),
  /** A field the format does not have; it could carry exactly what the platform must never hold. */
  UNKNOWN_FIELD("unknown-field"),
  /** Ingest itself failed on this input (a defect, logged by class name); the input is kept. */
  INTERNAL("internal");

  private final String code;

  Rule(String code) {
    this.code = code;
  }

  /** The rule's short name, e.g. {@code future-skew}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
