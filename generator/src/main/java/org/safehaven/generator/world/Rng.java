package org.safehaven.generator.world;

import java.util.SplittableRandom;

/**
 * Deterministic randomness. Every stream of random numbers is derived from the seed and a fixed label
 * (and, for per-day streams, the day), so one part of the world consuming more numbers never shifts
 * another part, and the same seed gives the same world on every JVM ({@link SplittableRandom}'s algorithm
 * is specified). Distributions are written here rather than taken from the JDK so that they cannot change
 * between Java versions.
 */
public final class Rng {

  private Rng() {
  }

  /** SplitMix64's finaliser: a good 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long hash(String s) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < s.length(); i++) {
      h = mix(h ^ s.charAt(i));
    }
    return h;
  }

  public static SplittableRandom derive(long seed, String label, long... parts) {
    return derive(seed, hash(label), parts);
  }

  /** As {@link #derive(long, String, long...)} with the label already hashed (for hot loops). */
  public static SplittableRandom derive(long seed, long labelHash, long... parts) {
    long h = mix(seed ^ labelHash);
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
    }
    return new SplittableRandom(h);
  }

  /** Poisson-distributed count: exact (Knuth) for small means, normal approximation for large ones. */
  public static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 40) {
      double limit = Math.exp(-mean);
      double p = r.nextDouble();
      int k = 0;
      while (p > limit) {
        p *= r.nextDouble();
        k++;
      }
      return k;
    }
    long v = Math.round(mean + Math.sqrt(mean) * gaussian(r));
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
  }

  /** Standard normal (Box-Muller). */
  public static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform in [lo, hi], inclusive. */
  public static long between(SplittableRandom r, long lo, long hi) {
    return hi <= lo ? lo : lo + r.nextLong(hi - lo + 1);
  }

  public static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Cumulative weights for {@link #pick}. */
  public static double[] cumulative(double... weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= sum;
    }
    return c;
  }

  /** An index drawn with the probabilities of {@code cumulative}. */
  public static int pick(SplittableRandom r, double[] cumulative) {
    double u = r.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** An entry of {@code values} drawn with the probabilities of {@code cumulative}. */
  public static <T> T pick(SplittableRandom r, T[] values, double[] cumulative) {
    return values[pick(r, cumulative)];
  }
}
