package org.safehaven.api.query;

/** Elasticsearch could not answer; the API says 503 and logs only the exception's class. */
public final class SearchUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SearchUnavailableException(Throwable cause) {
    super("the search service could not answer", cause);
  }
}
