package org.safehaven.streams;

/** The application cannot start; the message says why, for the user (no stack trace needed). */
public class StreamsStartException extends RuntimeException {
  public StreamsStartException(String message) {
    super(message);
  }

  public StreamsStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
