package org.safehaven.core.id;

import java.util.List;
import java.util.Set;

/**
 * A police force, by its data.police.uk slug: one of the 43 territorial forces of England and Wales,
 * or {@code btp}. Any other value is bad input, so the constructor refuses it.
 */
public record ForceId(String slug) implements Comparable<ForceId> {

  /** Every force the platform knows, in alphabetical order. */
  public static final List<String> SLUGS = List.of(
      "avon-and-somerset", "bedfordshire", "btp", "cambridgeshire", "cheshire", "city-of-london",
      "cleveland", "cumbria", "derbyshire", "devon-and-cornwall", "dorset", "durham", "dyfed-powys",
      "essex", "gloucestershire", "greater-manchester", "gwent", "hampshire", "hertfordshire",
      "humberside", "kent", "lancashire", "leicestershire", "lincolnshire", "merseyside", "metropolitan",
      "norfolk", "north-wales", "north-yorkshire", "northamptonshire", "northumbria", "nottinghamshire",
      "south-wales", "south-yorkshire", "staffordshire", "suffolk", "surrey", "sussex", "thames-valley",
      "warwickshire", "west-mercia", "west-midlands", "west-yorkshire", "wiltshire");

  private static final Set<String> KNOWN = Set.copyOf(SLUGS);

  public ForceId {
    if (slug == null || !KNOWN.contains(slug)) {
      // The offending value is echoed only when short and slug-shaped: error text must never carry
      // arbitrary input (it could be a person identifier pasted into the wrong field).
      String shown = slug != null && slug.matches("[a-z0-9-]{1,40}") ? "'" + slug + "'" : "the given value";
      throw new IllegalArgumentException(
          shown + " is not a force of England and Wales (expected a data.police.uk slug such as 'kent', or 'btp')");
    }
  }

  public static boolean isKnown(String slug) {
    return slug != null && KNOWN.contains(slug);
  }

  public static ForceId of(String slug) {
    return new ForceId(slug);
  }

  @Override
  public int compareTo(ForceId o) {
    return slug.compareTo(o.slug);
  }

  @Override
  public String toString() {
    return slug;
  }
}
