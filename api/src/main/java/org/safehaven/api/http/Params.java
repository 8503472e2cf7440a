package org.safehaven.api.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.safehaven.core.id.ForceId;

/**
 * The query parameters of one request, validated against what the endpoint declares. Every accessor
 * either returns a typed, checked value or throws a 400 {@link ApiException} saying what was wrong and
 * what is accepted. Values never reach a query as text: they become enums, force ids, instants and
 * integers here, and the query builders take only those.
 *
 * <p>Rules: an undeclared parameter is an error (a typo must not silently widen a query); a parameter
 * given twice where one value is expected is an error; list parameters take repeats or commas, at most
 * {@value #MAX_LIST} values; no value may be longer than {@value #MAX_VALUE_LENGTH} characters. Error
 * messages name a parameter only when its name is one we declared or looks like a plain name.
 */
public final class Params {

  static final int MAX_VALUE_LENGTH = 200;
  static final int MAX_LIST = 50;
  /** Oldest and newest instants a range may touch: a typo'd year must not become a scan of all time. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,30}");

  private final Map<String, List<String>> values;
  private final Set<String> declared;

  private Params(Map<String, List<String>> values, Set<String> declared) {
    this.values = values;
    this.declared = declared;
  }

  /**
   * @param values   the request's parameters (name to values)
   * @param declared the parameters this endpoint accepts
   */
  public static Params of(Map<String, List<String>> values, Set<String> declared) {
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (!declared.contains(e.getKey())) {
        String name = PLAIN_NAME.matcher(e.getKey()).matches() ? "'" + e.getKey() + "'" : "a parameter";
        throw ApiException.badRequest("unknown parameter " + name + "; this endpoint accepts: "
            + String.join(", ", new TreeSet<>(declared)));
      }
      for (String v : e.getValue()) {
        if (v == null || v.length() > MAX_VALUE_LENGTH) {
          throw ApiException.badRequest("parameter '" + e.getKey() + "' is longer than " + MAX_VALUE_LENGTH
              + " characters");
        }
      }
    }
    return new Params(values, declared);
  }

  /** The one value of a parameter, if given; blank counts as not given. */
  public Optional<String> single(String name) {
    requireDeclared(name);
    List<String> v = values.get(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.size() > 1) {
      throw ApiException.badRequest("parameter '" + name + "' may be given once");
    }
    String s = v.get(0).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** Every value of a list parameter: repeats and comma-separated values, trimmed, blanks dropped. */
  public List<String> list(String name) {
    requireDeclared(name);
    List<String> out = new ArrayList<>();
    for (String v : values.getOrDefault(name, List.of())) {
      for (String part : v.split(",", -1)) {
        String p = part.trim();
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    if (out.size() > MAX_LIST) {
      throw ApiException.badRequest("parameter '" + name + "' takes at most " + MAX_LIST + " values");
    }
    return out;
  }

  /** Values of an enumeration, exactly as spelled in the specification (upper case). */
  public <E extends Enum<E>> Set<E> enums(String name, Class<E> type) {
    Set<E> out = new LinkedHashSet<>();
    for (String v : list(name)) {
      out.add(parseEnum(name, v, type));
    }
    return out;
  }

  public static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    throw ApiException.badRequest("parameter '" + name + "' must be one of: "
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** Forces by their data.police.uk slugs. */
  public Set<ForceId> forces(String name) {
    Set<ForceId> out = new LinkedHashSet<>();
    for (String v : list(name)) {
      if (!ForceId.isKnown(v)) {
        throw ApiException.badRequest("parameter '" + name + "' must be a force of England and Wales by its "
            + "data.police.uk slug (e.g. kent, metropolitan, btp)");
      }
      out.add(ForceId.of(v));
    }
    return out;
  }

  /**
   * An integer within bounds, or the default when absent.
   */
  public int integer(String name, int min, int max, int dflt) {
    Optional<String> v = single(name);
    if (v.isEmpty()) {
      return dflt;
    }
    String s = v.get();
    if (!s.matches("-?[0-9]{1,9}")) {
      throw ApiException.badRequest("parameter '" + name + "' must be a whole number between " + min + " and " + max);
    }
    int n = Integer.parseInt(s);
    if (n < min || n > max) {
      throw ApiException.badRequest("parameter '" + name + "' must be between " + min + " and " + max);
    }
    return n;
  }

  /** {@code page} (from 0) and {@code size} (1 to maxSize), kept within the 10,000-hit result window. */
  public PageRequest page(int maxSize, int defaultSize) {
    int size = integer("size", 1, maxSize, Math.min(defaultSize, maxSize));
    int page = integer("page", 0, PageRequest.MAX_WINDOW, 0);
    if ((long) (page + 1) * size > PageRequest.MAX_WINDOW) {
      throw ApiException.badRequest("pages reach at most the first " + PageRequest.MAX_WINDOW
          + " results; narrow the time range or the filters instead of paging further");
    }
    return new PageRequest(page, size);
  }

  /**
   * The time range of {@code from} and {@code to}: ISO-8601 dates ({@code 2026-05-01}, midnight UTC) or
   * instants ({@code 2026-05-01T09:00:00Z}, or with an offset). {@code from} is inclusive, {@code to}
   * exclusive. A missing {@code to} is now; a missing {@code from} is {@code maxDays} before {@code to}.
   * Refused: unparseable values, {@code from} not before {@code to}, a span longer than {@code maxDays},
   * and anything before 1970 or from 2100 on.
   */
  public TimeRange range(int maxDays, Clock clock) {
    Optional<Instant> from = single("from").map(v -> instant("from", v));
    Optional<Instant> to = single("to").map(v -> instant("to", v));
    Duration max = Duration.ofDays(maxDays);
    Instant end = to.orElseGet(clock::instant);
    Instant start = from.orElseGet(() -> end.minus(max).isBefore(EARLIEST) ? EARLIEST : end.minus(max));
    for (Instant t : List.of(start, end)) {
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
        throw ApiException.badRequest("'from' and 'to' must lie between 1970-01-01 and 2100-01-01");
      }
    }
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("'from' must be before 'to'");
    }
    if (Duration.between(start, end).compareTo(max) > 0) {
      throw ApiException.badRequest("the time range may span at most " + maxDays + " days");
    }
    return new TimeRange(start, end);
  }

  static Instant instant(String name, String v) {
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiException.badRequest("parameter '" + name + "' must be an ISO-8601 date (2026-05-01) or "
          + "instant (2026-05-01T09:00:00Z)");
    }
  }

  /**
   * Dimensions to group by (case-insensitive names of the enum's constants), in the order given, without
   * repeats.
   *
   * @param dflt the dimension used when none is given
   */
  public <E extends Enum<E>> List<E> groupBy(String name, Class<E> type, E dflt) {
    List<E> out = new ArrayList<>();
    for (String v : list(name)) {
      E e = Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equalsIgnoreCase(v)).findFirst()
          .orElseThrow(() -> ApiException.badRequest("parameter '" + name + "' takes any of: "
              + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))));
      if (out.contains(e)) {
        throw ApiException.badRequest("parameter '" + name + "' names a dimension twice");
      }
      out.add(e);
    }
    if (out.isEmpty()) {
      out.add(dflt);
    }
    return out;
  }

  private void requireDeclared(String name) {
    if (!declared.contains(name)) {
      throw new IllegalStateException("the endpoint reads a parameter it did not declare: " + name);
    }
  }
}
