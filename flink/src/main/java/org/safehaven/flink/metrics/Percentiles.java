package org.safehaven.flink.metrics;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * {@code ceil(p/100 * n)} (1-based). Always one of the observed delays, so "p50 = 1,174 h" means a real
 * disclosure took that long; the same values give the same percentile in every mode and order.
 */
public final class Percentiles {

  private Percentiles() {
  }

  /** The nearest-rank percentile of {@code sorted}, or null when it is empty. */
  public static Double nearestRank(long[] sorted, int percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in 1..100");
    }
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return (double) sorted[Math.max(1, rank) - 1];
  }
}
