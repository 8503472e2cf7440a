package org.safehaven.generator.world;

import java.time.LocalDate;
import java.util.List;

/**
 * What defines a generated world (everything that changes which events exist; output-only settings such
 * as shuffling, duplicates and bad lines are not here).
 *
 * @param days            number of days to simulate; {@link Integer#MAX_VALUE} for live mode
 * @param scale           fraction of national volume (1.0 = a national year of about 60 million events)
 * @param breachRate      multiplies the rate of victim stories (custody and unreported-person stories by its
 *                        square root)
 * @param edgeCases       how many times each case of the {@link EdgeCases} catalogue is planted
 * @param backgroundFrom  epoch second before which background traffic is left out (live mode's history is
 *                        stories only); {@link Long#MIN_VALUE} for none
 */
public record WorldParams(long seed, LocalDate start, int days, List<Forces.Force> forces, double scale,
                          double breachRate, int edgeCases, String idTag, long backgroundFrom) {

  public WorldParams {
    forces = List.copyOf(forces);
    if (forces.isEmpty()) {
      throw new IllegalArgumentException("at least one force is needed");
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1");
    }
    if (!(scale >= 0) || !(breachRate >= 0) || edgeCases < 0) {
      throw new IllegalArgumentException("scale, breach rate and edge cases must not be negative");
    }
  }
}
