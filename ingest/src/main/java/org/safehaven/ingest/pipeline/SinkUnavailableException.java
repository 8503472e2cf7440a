package org.safehaven.ingest.pipeline;

/**
 * An outcome could not be written (broker or registry unreachable, timed out). Not an input problem:
 * the event is not rejected, the caller stops or retries, and dedup lets a retry be safe.
 */
public class SinkUnavailableException extends RuntimeException {
  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
