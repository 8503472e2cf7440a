package org.safehaven.ingest.validate;

import java.time.Duration;
import org.safehaven.core.config.SafeHavenConfig;

/**
 * What one event may cost, enforced while parsing (so a 10 MB string or a 10,000-deep nesting is refused
 * before it is built in memory) and while validating.
 *
 * @param maxEventBytes   largest event in bytes
 * @param maxStringLength longest string value or field name
 * @param maxNestingDepth deepest nesting of objects and arrays (a crime report needs 3)
 * @param maxPersons      most persons on one crime report
 * @param futureSkew      how far in the future an event time may lie
 */
public record Limits(int maxEventBytes, int maxStringLength, int maxNestingDepth, int maxPersons, Duration futureSkew) {

  public Limits {
    if (maxEventBytes < 64 || maxStringLength < 1 || maxNestingDepth < 3 || maxPersons < 1
        || futureSkew == null || futureSkew.isNegative()) {
      throw new IllegalArgumentException("limits must allow at least a minimal event");
    }
  }

  public static Limits from(SafeHavenConfig.Ingest c) {
    return new Limits(c.maxEventBytes(), c.maxStringLength(), c.maxNestingDepth(), c.maxPersons(),
        Duration.ofSeconds(c.futureSkewSeconds()));
  }

  /** The defaults of safehaven-defaults.yml, for tests and tools. */
  public static Limits defaults() {
    return new Limits(65536, 4096, 8, 200, Duration.ofMinutes(5));
  }
}
