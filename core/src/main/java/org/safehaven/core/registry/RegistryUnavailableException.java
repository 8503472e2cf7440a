package org.safehaven.core.registry;

/**
 * The registry could not be reached (connection refused, timeout, I/O failure) or said it is
 * temporarily unable to answer (HTTP 502, 503, 504). The message names the registry URL (without any
 * credentials) and what was being attempted.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {

  private final String registryUrl;

  public RegistryUnavailableException(String registryUrl, String message) {
    super(message);
    this.registryUrl = registryUrl;
  }

  public RegistryUnavailableException(String registryUrl, String message, Throwable cause) {
    super(message, cause);
    this.registryUrl = registryUrl;
  }

  /** The base URL of the registry that could not be reached, credentials removed. */
  public String registryUrl() {
    return registryUrl;
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
