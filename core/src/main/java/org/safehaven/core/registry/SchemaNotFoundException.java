package org.safehaven.core.registry;

/**
 * No schema with this id, no such subject, or no such version under the subject (registry error codes
 * 40401 subject not found, 40402 version not found, 40403 schema not found).
 */
public final class SchemaNotFoundException extends SchemaRegistryException {

  private final int errorCode;

  public SchemaNotFoundException(int errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /** The registry's error_code (40401, 40402 or 40403). */
  public int errorCode() {
    return errorCode;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
