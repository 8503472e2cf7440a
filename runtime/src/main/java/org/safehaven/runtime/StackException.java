package org.safehaven.runtime;

/**
 * The embedded stack could not start or keep running. The message is one line for the user: it names
 * the service and, where there is one, the log file to read; it never echoes event data.
 */
public class StackException extends RuntimeException {
  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
