package org.safehaven.core.registry;

/**
 * The registry answered with an error not covered by a more specific type: the HTTP status, the
 * registry's {@code error_code} (-1 when the body carried none, e.g. a proxy's HTML page) and its message.
 * A 404 without an error code usually means the base URL is wrong (for Apicurio 2.x it must end in
 * {@code /apis/ccompat/v7}).
 */
public final class RegistryRequestException extends SchemaRegistryException {

  private final int status;
  private final int errorCode;

  public RegistryRequestException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The registry's error_code, or -1 when the answer had none. */
  public int errorCode() {
    return errorCode;
  }

  /** Server-side errors (5xx) may pass; a refused request (4xx) will be refused again. */
  @Override
  public boolean retriable() {
    return status >= 500;
  }
}
