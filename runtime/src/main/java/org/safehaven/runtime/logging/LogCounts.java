package org.safehaven.runtime.logging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many WARN and ERROR events each logger has logged (a snapshot of {@link LogCounter}). Immutable.
 */
public record LogCounts(Map<String, Long> warnings, Map<String, Long> errors) {

  public static final LogCounts NONE = new LogCounts(Map.of(), Map.of());

  public LogCounts {
    warnings = Map.copyOf(warnings);
    errors = Map.copyOf(errors);
  }

  public long totalWarnings() {
    return warnings.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalErrors() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** What was logged after {@code earlier} (a snapshot of the same counter); loggers with nothing new are left out. */
  public LogCounts since(LogCounts earlier) {
    return new LogCounts(minus(warnings, earlier.warnings), minus(errors, earlier.errors));
  }

  private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
    Map<String, Long> delta = new HashMap<>();
    now.forEach((logger, n) -> {
      long d = n - before.getOrDefault(logger, 0L);
      if (d > 0) {
        delta.put(logger, d);
      }
    });
    return delta;
  }

  /**
   * The loggers with the most events (warnings and errors together), most first, at most {@code max}, as
   * {@code "1,204 PersonFlowsProcessor"} (the logger's last name only); {@code "+N more"} ends the list when
   * some are left out. Empty when nothing was logged.
   */
  public String topSources(int max) {
    Map<String, Long> all = new HashMap<>(warnings);
    errors.forEach((logger, n) -> all.merge(logger, n, Long::sum));
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(all.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(max, sorted.size()); i++) {
      parts.add(String.format(Locale.ROOT, "%,d %s", sorted.get(i).getValue(), shortName(sorted.get(i).getKey())));
    }
    if (sorted.size() > max) {
      parts.add("+" + (sorted.size() - max) + " more");
    }
    return String.join(", ", parts);
  }

  static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 || dot == logger.length() - 1 ? logger : logger.substring(dot + 1);
  }
}
