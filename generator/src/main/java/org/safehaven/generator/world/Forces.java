package org.safehaven.generator.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.safehaven.core.id.ForceId;

/**
 * The 43 territorial forces and BTP, each with a size weight and the prefix its identifiers carry.
 *
 * <p>Weights are police recorded crime per year in thousands, excluding fraud and computer misuse,
 * rounded from the ONS "Police recorded crime by Police Force Area" tables for the year ending March 2023
 * (BTP from its own annual report). They are an approximation for realistic proportions, not statistics:
 * the Metropolitan Police is the largest, the City of London and BTP among the smallest. They add up to
 * about 5.5 million, the specification's national figure. PNC queries and disclosures are apportioned by the same
 * weights.
 */
public final class Forces {

  /** One force: its slug, the prefix of its report/person/officer identifiers, and its size weight. */
  public record Force(int index, String slug, String prefix, double weight) {
  }

  private static final Map<String, Object[]> TABLE = Map.ofEntries(
      Map.entry("avon-and-somerset", new Object[] {"ASP", 150}),
      Map.entry("bedfordshire", new Object[] {"BEDS", 60}),
      Map.entry("btp", new Object[] {"BTP", 65}),
      Map.entry("cambridgeshire", new Object[] {"CAMBS", 75}),
      Map.entry("cheshire", new Object[] {"CHES", 85}),
      Map.entry("city-of-london", new Object[] {"COL", 8}),
      Map.entry("cleveland", new Object[] {"CLEV", 75}),
      Map.entry("cumbria", new Object[] {"CUMB", 30}),
      Map.entry("derbyshire", new Object[] {"DERBY", 85}),
      Map.entry("devon-and-cornwall", new Object[] {"DC", 110}),
      Map.entry("dorset", new Object[] {"DORSET", 50}),
      Map.entry("durham", new Object[] {"DURHAM", 55}),
      Map.entry("dyfed-powys", new Object[] {"DPP", 35}),
      Map.entry("essex", new Object[] {"ESSEX", 170}),
      Map.entry("gloucestershire", new Object[] {"GLOS", 45}),
      Map.entry("greater-manchester", new Object[] {"GMP", 330}),
      Map.entry("gwent", new Object[] {"GWENT", 55}),
      Map.entry("hampshire", new Object[] {"HANTS", 170}),
      Map.entry("hertfordshire", new Object[] {"HERTS", 95}),
      Map.entry("humberside", new Object[] {"HUMB", 110}),
      Map.entry("kent", new Object[] {"KENT", 185}),
      Map.entry("lancashire", new Object[] {"LANCS", 145}),
      Map.entry("leicestershire", new Object[] {"LEICS", 95}),
      Map.entry("lincolnshire", new Object[] {"LINCS", 55}),
      Map.entry("merseyside", new Object[] {"MERS", 150}),
      Map.entry("metropolitan", new Object[] {"MET", 900}),
      Map.entry("norfolk", new Object[] {"NORF", 70}),
      Map.entry("north-wales", new Object[] {"NWP", 60}),
      Map.entry("north-yorkshire", new Object[] {"NYP", 55}),
      Map.entry("northamptonshire", new Object[] {"NTHANTS", 65}),
      Map.entry("northumbria", new Object[] {"NBRIA", 155}),
      Map.entry("nottinghamshire", new Object[] {"NOTTS", 100}),
      Map.entry("south-wales", new Object[] {"SWP", 135}),
      Map.entry("south-yorkshire", new Object[] {"SYP", 165}),
      Map.entry("staffordshire", new Object[] {"STAFFS", 100}),
      Map.entry("suffolk", new Object[] {"SUFF", 55}),
      Map.entry("surrey", new Object[] {"SURREY", 75}),
      Map.entry("sussex", new Object[] {"SUSSEX", 135}),
      Map.entry("thames-valley", new Object[] {"TVP", 175}),
      Map.entry("warwickshire", new Object[] {"WARKS", 45}),
      Map.entry("west-mercia", new Object[] {"WMERC", 110}),
      Map.entry("west-midlands", new Object[] {"WMP", 330}),
      Map.entry("west-yorkshire", new Object[] {"WYP", 320}),
      Map.entry("wiltshire", new Object[] {"WILTS", 45}));

  /** Every force, in ForceId.SLUGS order (alphabetical), with index = position in this list. */
  public static final List<Force> ALL;
  /** Sum of all weights: the national total the volumes are scaled against. */
  public static final double NATIONAL_WEIGHT;

  static {
    List<Force> all = new ArrayList<>();
    double total = 0;
    for (String slug : ForceId.SLUGS) {
      Object[] row = TABLE.get(slug);
      if (row == null) {
        throw new IllegalStateException("no size weight for force " + slug);
      }
      double w = ((Integer) row[1]).doubleValue();
      all.add(new Force(all.size(), slug, (String) row[0], w));
      total += w;
    }
    if (TABLE.size() != all.size()) {
      throw new IllegalStateException("force table names a force that ForceId does not know");
    }
    ALL = List.copyOf(all);
    NATIONAL_WEIGHT = total;
  }

  private Forces() {
  }

  public static Force bySlug(String slug) {
    for (Force f : ALL) {
      if (f.slug().equals(slug)) {
        return f;
      }
    }
    // ForceId's constructor gives the user-facing message for an unknown slug.
    ForceId.of(slug);
    throw new IllegalArgumentException("unknown force");
  }

  /** This force's share of national volume. */
  public static double share(Force f) {
    return f.weight() / NATIONAL_WEIGHT;
  }
}
