package org.safehaven.api.http;

import java.time.Instant;

/**
 * A validated time range: {@code from} inclusive, {@code to} exclusive, {@code from < to}.
 */
public record TimeRange(Instant from, Instant to) {
  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }
}
