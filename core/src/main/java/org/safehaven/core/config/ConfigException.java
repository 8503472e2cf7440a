package org.safehaven.core.config;

/** A configuration that cannot be used; the message names the key and what is wrong, for the user. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
