package org.safehaven.core.policy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

/**
 * Reads the policy file ({@code policy/safehaven-policy.yml}) into a {@link Policy}.
 *
 * <p>Where the policy comes from ({@link #resolve}): an explicit path (a {@code --policy} flag) if given;
 * else the file named by the environment variable {@value #ENV_POLICY_FILE}; else
 * {@value #WORKING_DIR_FILE} relative to the working directory (the repository root for
 * {@code ./safehaven}), which is the copy oversight bodies edit; else the identical copy built into the
 * jar ({@value #CLASSPATH_RESOURCE}), so a process started anywhere still has the published thresholds.
 * A test keeps the two copies identical.
 *
 * <p>The file format: a YAML mapping with the keys of {@link Policy}. {@code version} is required; any
 * other key left out keeps the built-in default of the specification (docs/specification.md). Durations are written {@code 730d},
 * {@code 72h}, {@code 30m}, {@code 45s} or as ISO-8601 ({@code P730D}, {@code PT72H}). An unknown or
 * repeated key, a value of the wrong kind, a negative window or a missing version stops loading with a
 * {@link PolicyException} that names the file and the key. Messages name keys and allowed values, never
 * echo free text from the file.
 */
public final class PolicyLoader {

  public static final String ENV_POLICY_FILE = "SAFEHAVEN_POLICY_FILE";
  public static final String WORKING_DIR_FILE = "policy/safehaven-policy.yml";
  public static final String CLASSPATH_RESOURCE = "/policy/safehaven-policy.yml";

  /** Every key the file may hold, in the order the published file lists them. */
  public static final List<String> KEYS = List.of("version", "lookback", "immediateWindow", "allowedLateness",
      "patternWindow", "patternMinDisclosures", "patternAfterClosureWindow", "patternAfterClosureShare",
      "criticalOffences", "closedStatuses");

  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final Pattern SHORT_DURATION = Pattern.compile("(-?)(\\d{1,12})\\s*([dhms])");
  private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern ENUM_SHAPE = Pattern.compile("[A-Za-z_]{1,40}");

  private PolicyLoader() {
  }

  /** A policy and a human-readable description of where it came from (for the start-up log line). */
  public record Loaded(Policy policy, String source) {
  }

  /**
   * Finds and loads the policy in force: {@code explicit} if not null, else {@value #ENV_POLICY_FILE}, else
   * {@value #WORKING_DIR_FILE} under {@code workingDir} if present, else the built-in copy.
   */
  public static Loaded resolve(Path explicit, Map<String, String> env, Path workingDir) {
    if (explicit != null) {
      return new Loaded(load(explicit), explicit.toString());
    }
    String fromEnv = env.get(ENV_POLICY_FILE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv.strip());
      return new Loaded(load(p), p + " (from " + ENV_POLICY_FILE + ")");
    }
    Path local = workingDir.resolve(WORKING_DIR_FILE);
    if (Files.isRegularFile(local)) {
      return new Loaded(load(local), local.toString());
    }
    return new Loaded(builtIn(), "built-in " + CLASSPATH_RESOURCE);
  }

  /** {@link #resolve} with the process environment and working directory. */
  public static Loaded resolve(Path explicit) {
    return resolve(explicit, System.getenv(), Path.of(""));
  }

  /** The published policy as built into the jar. */
  public static Policy builtIn() {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new PolicyException("the built-in policy " + CLASSPATH_RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + CLASSPATH_RESOURCE);
    } catch (IOException e) {
      throw new PolicyException("cannot read the built-in policy " + CLASSPATH_RESOURCE, e);
    }
  }

  public static Policy load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException("policy file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, file.toString());
  }

  /**
   * Parses policy YAML.
   *
   * @param source names the file in error messages
   */
  public static Policy parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
          ? "repeats a key" : "is not valid YAML";
      String where = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "";
      throw new PolicyException("policy file " + source + " " + what + where);
    } catch (IOException e) {
      throw new PolicyException("policy file " + source + " cannot be read", e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new PolicyException("policy file " + source + " is empty: it must at least set 'version'");
    }
    if (!root.isObject()) {
      throw new PolicyException("policy file " + source + " must be a YAML mapping of key: value lines");
    }
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        String shown = KEY_SHAPE.matcher(key).matches() ? "'" + key + "'" : "(a key that is not a plain name)";
        throw new PolicyException("policy file " + source + ": unknown key " + shown
            + "; the known keys are " + String.join(", ", KEYS));
      }
    }
    Reader r = new Reader(root, source);
    JsonNode version = root.get("version");
    if (version == null || version.isNull() || !version.isValueNode() || version.asText().isBlank()) {
      throw new PolicyException("policy file " + source + ": 'version' is required (a label such as \"2026-1\", "
          + "recorded on every alert)");
    }
    try {
      return new Policy(
          version.asText(),
          r.duration("lookback", Policy.DEFAULT_LOOKBACK),
          r.duration("immediateWindow", Policy.DEFAULT_IMMEDIATE_WINDOW),
          r.duration("allowedLateness", Policy.DEFAULT_ALLOWED_LATENESS),
          r.duration("patternWindow", Policy.DEFAULT_PATTERN_WINDOW),
          r.integer("patternMinDisclosures", Policy.DEFAULT_PATTERN_MIN_DISCLOSURES),
          r.duration("patternAfterClosureWindow", Policy.DEFAULT_PATTERN_AFTER_CLOSURE_WINDOW),
          r.decimal("patternAfterClosureShare", Policy.DEFAULT_PATTERN_AFTER_CLOSURE_SHARE),
          r.enums("criticalOffences", Offence.class, Policy.DEFAULT_CRITICAL_OFFENCES),
          r.enums("closedStatuses", CaseStatusValue.class, Policy.DEFAULT_CLOSED_STATUSES));
    } catch (PolicyException e) {
      if (e.getMessage().startsWith("policy file ")) {
        throw e;
      }
      // Policy's own checks name the key; add the file.
      throw new PolicyException("policy file " + source + ": " + e.getMessage().replaceFirst("^policy ", ""));
    }
  }

  /**
   * Parses {@code 730d}/{@code 72h}/{@code 30m}/{@code 45s} or ISO-8601 ({@code P730D}, {@code PT72H}).
   * Negative values parse (so that the caller can say "must not be negative" rather than "not a duration").
   *
   * @throws IllegalArgumentException when the text is neither form
   */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(2));
      Function<Long, Duration> unit = switch (m.group(3)) {
        case "d" -> Duration::ofDays;
        case "h" -> Duration::ofHours;
        case "m" -> Duration::ofMinutes;
        default -> Duration::ofSeconds;
      };
      Duration d = unit.apply(n);
      return m.group(1).isEmpty() ? d : d.negated();
    }
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration");
    }
  }

  /** Typed access to the tree, with messages that name the key. */
  private record Reader(JsonNode root, String source) {

    Duration duration(String key, Duration dflt) {
      JsonNode n = root.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isTextual()) {
        throw fail(key, "must be a duration with a unit, e.g. 730d, 72h, P730D or PT72H");
      }
      try {
        return parseDuration(n.asText());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw fail(key, "is not a duration: write e.g. 730d, 72h, 30m, P730D or PT72H");
      }
    }

    int integer(String key, int dflt) {
      JsonNode n = root.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw fail(key, "must be a whole number, e.g. 5");
      }
      return n.intValue();
    }

    double decimal(String key, double dflt) {
      JsonNode n = root.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isNumber()) {
        throw fail(key, "must be a number, e.g. 0.5");
      }
      return n.doubleValue();
    }

    <E extends Enum<E>> Set<E> enums(String key, Class<E> type, Set<E> dflt) {
      JsonNode n = root.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isArray()) {
        throw fail(key, "must be a list, e.g. [" + type.getEnumConstants()[0] + "]");
      }
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        allowed.add(e.name());
      }
      EnumSet<E> out = EnumSet.noneOf(type);
      for (JsonNode item : n) {
        String text = item.isTextual() ? item.asText().strip() : "";
        if (!allowed.contains(text)) {
          String shown = ENUM_SHAPE.matcher(text).matches() ? "'" + text + "'" : "an entry";
          throw fail(key, "lists " + shown + ", which is not one of " + String.join(", ", allowed));
        }
        out.add(Enum.valueOf(type, text));
      }
      return out;
    }

    private PolicyException fail(String key, String problem) {
      return new PolicyException("policy file " + source + ": '" + key + "' " + problem);
    }
  }
}
