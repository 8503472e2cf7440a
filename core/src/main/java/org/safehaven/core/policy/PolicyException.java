package org.safehaven.core.policy;

/**
 * A policy file that cannot be used. The message names the file and the key and says what is wrong,
 * in words an oversight body can act on; it never carries a stack trace to the user.
 */
public class PolicyException extends RuntimeException {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
