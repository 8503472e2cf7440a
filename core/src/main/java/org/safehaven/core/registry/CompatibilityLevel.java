package org.safehaven.core.registry;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The compatibility levels of the Confluent Schema Registry API. BACKWARD: a consumer using the new
 * schema reads data written with the previous one; FORWARD: the other way round; FULL: both;
 * {@code _TRANSITIVE}: against every earlier version, not only the latest; NONE: no check.
 */
public enum CompatibilityLevel {
  NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

  /**
   * The level with this name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid levels when the name is none of them
   */
  public static CompatibilityLevel parse(String name) {
    if (name != null) {
      for (CompatibilityLevel level : values()) {
        if (level.name().equalsIgnoreCase(name.trim())) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException("unknown compatibility level; expected one of "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** Whether the check runs against every registered version rather than only the latest. */
  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /** Whether data written with an older schema must be readable with the new one. */
  public boolean checksBackward() {
    return this != NONE && (name().startsWith("BACKWARD") || name().startsWith("FULL"));
  }

  /** Whether data written with the new schema must be readable with an older one. */
  public boolean checksForward() {
    return this != NONE && (name().startsWith("FORWARD") || name().startsWith("FULL"));
  }
}
