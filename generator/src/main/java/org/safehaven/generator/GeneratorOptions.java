package org.safehaven.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.safehaven.core.id.ForceId;
import org.safehaven.core.policy.Policy;
import org.safehaven.generator.output.OutputStage;
import org.safehaven.generator.world.Forces;
import org.safehaven.generator.world.Ids;
import org.safehaven.generator.world.Rng;
import org.safehaven.generator.world.WorldParams;

/**
 * Every setting of one file generation, resolved (profile defaults applied) and validated. The same
 * options give byte-identical output.
 *
 * @param forces  slugs, in ForceId order; all 44 when none were named
 * @param idTag   the run tag every identifier ends with, or "" for none ({@link Ids})
 */
public record GeneratorOptions(Profile profile, long seed, LocalDate start, int days, List<String> forces,
                               double scale, double breachRate, double badShare, double duplicateShare,
                               int shuffleHours, int edgeCases, String idTag) {

  public GeneratorOptions {
    forces = List.copyOf(forces);
    check(days >= 1 && days <= 36_500, "--days must be between 1 and 36500");
    check(scale > 0 && scale <= 1000, "--scale must be more than 0 and at most 1000");
    check(breachRate >= 0 && breachRate <= 1_000_000, "--breach-rate must be between 0 and 1000000");
    check(badShare >= 0 && badShare <= 0.5, "--bad-share must be between 0 and 0.5");
    check(duplicateShare >= 0 && duplicateShare <= 0.5, "--duplicate-share must be between 0 and 0.5");
    check(shuffleHours >= 0 && shuffleHours <= 24 * 365, "--shuffle-hours must not be negative");
    check(edgeCases >= 0 && edgeCases <= 1000, "--edge-cases must be between 0 and 1000");
    check(!forces.isEmpty(), "--forces must name at least one force");
    check(idTag != null && idTag.matches("[A-Z0-9]{0,12}"), "--id-tag must be 'auto', 'none' or 1-12 letters/digits");
    check(start.getYear() >= 1971 && start.plusDays(days).getYear() <= 9999, "--start is out of range");
  }

  /**
   * Resolves command-line values: null means "the profile's default"; {@code forces} null or empty means all.
   *
   * @param idTag "auto" (derived from the seed and the world's parameters), "none", or a tag
   */
  public static GeneratorOptions resolve(Profile profile, long seed, LocalDate start, Integer days,
                                         List<String> forces, Double scale, Double breachRate, Double badShare,
                                         Double duplicateShare, Integer shuffleHours, Integer edgeCases,
                                         String idTag) {
    List<String> slugs = new ArrayList<>();
    if (forces == null || forces.isEmpty() || forces.contains("all")) {
      slugs.addAll(ForceId.SLUGS);
    } else {
      for (String f : forces) {
        String slug = f.strip().toLowerCase(Locale.ROOT);
        if (!ForceId.isKnown(slug)) {
          throw new GeneratorException(forceMessage(slug));
        }
        if (!slugs.contains(slug)) {
          slugs.add(slug);
        }
      }
      slugs.sort(String::compareTo);
    }
    GeneratorOptions draft = new GeneratorOptions(profile, seed, start != null ? start : profile.start,
        days != null ? days : profile.days, slugs, scale != null ? scale : profile.scale,
        breachRate != null ? breachRate : profile.breachRate, badShare != null ? badShare : profile.badShare,
        duplicateShare != null ? duplicateShare : profile.duplicateShare, shuffleHours != null ? shuffleHours : 0,
        edgeCases != null ? edgeCases : profile.edgeCases, "");
    String tag = idTag == null || idTag.equalsIgnoreCase("auto") ? Ids.tagOf(Rng.hash(draft.worldKey()))
        : idTag.equalsIgnoreCase("none") ? "" : idTag.toUpperCase(Locale.ROOT);
    return new GeneratorOptions(draft.profile, draft.seed, draft.start, draft.days, draft.forces, draft.scale,
        draft.breachRate, draft.badShare, draft.duplicateShare, draft.shuffleHours, draft.edgeCases, tag);
  }

  private static String forceMessage(String slug) {
    try {
      ForceId.of(slug);
      return "unknown force";
    } catch (IllegalArgumentException e) {
      return "--forces: " + e.getMessage();
    }
  }

  /** Checks the settings against the policy: the shuffle must stay within the allowed lateness. */
  public void checkAgainst(Policy policy) {
    check((long) shuffleHours * 3600 <= policy.allowedLateness().getSeconds(),
        "--shuffle-hours " + shuffleHours + " would deliver events later than the policy's allowedLateness ("
            + policy.allowedLateness().toHours() + "h); events must never arrive beyond it");
  }

  /** What defines the world (not the output): the auto run tag is derived from it. */
  public String worldKey() {
    return "seed=" + seed + ";start=" + start + ";days=" + days + ";forces=" + String.join(",", forces)
        + ";scale=" + scale + ";breachRate=" + breachRate + ";edgeCases=" + edgeCases;
  }

  public WorldParams worldParams() {
    List<Forces.Force> fs = new ArrayList<>();
    for (String s : forces) {
      fs.add(Forces.bySlug(s));
    }
    return new WorldParams(seed, start, days, fs, scale, breachRate, edgeCases, idTag, Long.MIN_VALUE);
  }

  public OutputStage.Settings outputSettings() {
    return new OutputStage.Settings(seed, duplicateShare, shuffleHours, badShare);
  }

  /** The parameters as the summary records them. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profile", profile.name().toLowerCase(Locale.ROOT));
    m.put("seed", seed);
    m.put("start", start.toString());
    m.put("days", days);
    m.put("forces", forces.size() == ForceId.SLUGS.size() ? List.of("all") : forces);
    m.put("scale", scale);
    m.put("breachRate", breachRate);
    m.put("badShare", badShare);
    m.put("duplicateShare", duplicateShare);
    m.put("shuffleHours", shuffleHours);
    m.put("edgeCases", edgeCases);
    m.put("idTag", idTag);
    return m;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new GeneratorException(message);
    }
  }
}
