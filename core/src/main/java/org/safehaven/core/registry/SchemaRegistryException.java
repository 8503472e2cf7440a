package org.safehaven.core.registry;

/**
 * Everything that can go wrong talking to the schema registry. Sealed, so a caller can tell the cases
 * apart exhaustively:
 * <ul>
 *   <li>{@link RegistryUnavailableException}: the registry could not be reached or answered that it is
 *       temporarily unable to (connection refused, timeout, 502/503/504). Retrying later may succeed.</li>
 *   <li>{@link SchemaNotFoundException}: no such schema id, subject or version.</li>
 *   <li>{@link IncompatibleSchemaException}: the registry refused to register a schema because it breaks
 *       the subject's compatibility level.</li>
 *   <li>{@link InvalidSchemaException}: the registry refused a schema as invalid, or returned one this
 *       client cannot use (not Avro, or depending on schema references).</li>
 *   <li>{@link RegistryRequestException}: any other refusal, with the registry's status, error_code and
 *       message.</li>
 * </ul>
 * Messages name the registry URL, subject or id involved, never schema contents or record values.
 */
public abstract sealed class SchemaRegistryException extends RuntimeException
    permits RegistryUnavailableException, SchemaNotFoundException, IncompatibleSchemaException,
        InvalidSchemaException, RegistryRequestException {

  protected SchemaRegistryException(String message) {
    super(message);
  }

  protected SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same call may succeed later without anything changing on our side. */
  public abstract boolean retriable();
}
