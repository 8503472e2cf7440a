package org.safehaven.core.registry;

/**
 * A schema that cannot be used: the registry refused it as invalid (HTTP 422, error_code 42201), or the
 * registry returned one this client cannot turn into an Avro schema (another schema type such as
 * PROTOBUF, schema references, or text that does not parse).
 */
public final class InvalidSchemaException extends SchemaRegistryException {

  public InvalidSchemaException(String message) {
    super(message);
  }

  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
