package org.safehaven.core.registry;

/**
 * The registry refused to register a schema (HTTP 409) because it is not compatible with what the
 * subject already holds under the subject's compatibility level (e.g. BACKWARD: a new required field
 * without a default).
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {

  private final String subject;

  public IncompatibleSchemaException(String subject, String message) {
    super(message);
    this.subject = subject;
  }

  /** The subject the schema was refused under. */
  public String subject() {
    return subject;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
