package org.safehaven.indexer.pipeline;

/**
 * Exponential back-off after Elasticsearch failed (down, overloaded, 429): the wait doubles from the
 * initial to the maximum delay with each failure in a row and starts again after a success. Time is
 * passed in, so the arithmetic is testable without sleeping. Thread-safe.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private long currentMillis;
  private long notBeforeMillis;
  private int failuresInARow;

  public Backoff(long initialMillis, long maxMillis) {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("back-off needs 1 <= initial <= max");
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
  }

  /** Records a failure at {@code now}; returns the wait before the next attempt. */
  public synchronized long failed(long now) {
    currentMillis = currentMillis == 0 ? initialMillis : Math.min(maxMillis, currentMillis * 2);
    notBeforeMillis = Math.max(notBeforeMillis, now + currentMillis);
    failuresInARow++;
    return currentMillis;
  }

  public synchronized void succeeded() {
    currentMillis = 0;
    failuresInARow = 0;
  }

  /** Whether the next attempt may go at {@code now}. */
  public synchronized boolean ready(long now) {
    return now >= notBeforeMillis;
  }

  public synchronized int failuresInARow() {
    return failuresInARow;
  }
}
