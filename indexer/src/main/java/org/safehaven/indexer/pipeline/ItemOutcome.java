package org.safehaven.indexer.pipeline;

/**
 * What to do with one document after Elasticsearch answered for it. Pure: the status and the error type
 * decide.
 */
public enum ItemOutcome {
  /** Stored (or, for a versioned document, a newer version is already stored). */
  DONE,
  /** Try again after a back-off: Elasticsearch is overloaded (429) or failing (5xx, no answer). */
  RETRY,
  /** Elasticsearch refuses this document for good: dead letter it, with the reason, and move on. */
  REJECT;

  /**
   * @param status    the item's HTTP status
   * @param errorType the item's error type, null when it has none
   * @param versioned whether the document carries an external version (then 409 means "already newer")
   */
  public static ItemOutcome of(int status, String errorType, boolean versioned) {
    if (errorType == null && status >= 200 && status < 300) {
      return DONE;
    }
    if (status == 409 && versioned) {
      return DONE;
    }
    if (status == 429 || status >= 500 || status == 0) {
      return RETRY;
    }
    return REJECT;
  }
}
