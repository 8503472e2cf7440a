package org.safehaven.indexer;

/** The indexer could not start; the message says why in one line. */
public final class IndexerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IndexerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
