package org.safehaven.generator;

import java.time.LocalDate;

/**
 * Presets of the generator's knobs; any knob given explicitly wins over its profile's default.
 * <ul>
 *   <li>{@code realistic}: national proportions at {@code --scale} (default 1.0 = about 60 million events
 *       a year), breaches as rare as they are, no bad lines, a few replayed duplicates; one day from
 *       2025-01-01 unless told otherwise.</li>
 *   <li>{@code test}: small files (about 10,000-20,000 events over 760 days from 2023-01-01, ending in the
 *       past so that no event is "in the future" at ingest) rich in breaches: victim stories 1,000 times
 *       as frequent (custody checks about 32 times), every edge case of the catalogue planted three times (so every rule fires several times,
 *       SYSTEMATIC_DEFERRAL included), 1% bad lines and 0.5% duplicates.</li>
 *   <li>{@code demo}: for {@code --live}: victim stories 300 times as frequent so that a dashboard shows
 *       breaches within a minute at a few events a second, 0.2% bad lines.</li>
 * </ul>
 */
public enum Profile {
  REALISTIC(LocalDate.of(2025, 1, 1), 1, 1.0, 1.0, 0.0, 0.0005, 0),
  TEST(LocalDate.of(2023, 1, 1), 760, 0.00005, 1000.0, 0.01, 0.005, 3),
  DEMO(LocalDate.of(2025, 1, 1), 1, 1.0, 300.0, 0.002, 0.001, 0);

  public final LocalDate start;
  public final int days;
  public final double scale;
  public final double breachRate;
  public final double badShare;
  public final double duplicateShare;
  public final int edgeCases;

  Profile(LocalDate start, int days, double scale, double breachRate, double badShare, double duplicateShare,
          int edgeCases) {
    this.start = start;
    this.days = days;
    this.scale = scale;
    this.breachRate = breachRate;
    this.badShare = badShare;
    this.duplicateShare = duplicateShare;
    this.edgeCases = edgeCases;
  }
}
