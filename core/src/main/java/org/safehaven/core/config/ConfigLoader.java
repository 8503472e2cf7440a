package org.safehaven.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link SafeHavenConfig} from four layers, each overriding the one before:
 * <ol>
 *   <li>the built-in defaults ({@code safehaven-defaults.yml} on the classpath);</li>
 *   <li>an optional YAML file, in which {@code ${NAME:-default}} is replaced from the environment;</li>
 *   <li>environment variables {@code SAFEHAVEN_<KEY_PATH>} (e.g. {@code SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS});</li>
 *   <li>flags {@code key.path=value}.</li>
 * </ol>
 * Only keys present in the defaults may be set by the environment or flags, so every setting a
 * deployment can make is listed in one file ({@link #knownKeys()}).
 */
public final class ConfigLoader {

  public static final String ENV_PREFIX = "SAFEHAVEN_";
  /** Environment variables that configure the loader itself, not a key. */
  public static final String ENV_CONFIG_FILE = "SAFEHAVEN_CONFIG";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /**
   * @param file  a YAML file, or null for none (then {@code SAFEHAVEN_CONFIG} names one, if set)
   * @param flags {@code key.path=value} overrides, applied last
   */
  public SafeHavenConfig load(Path file, List<String> flags) {
    ObjectNode tree = defaults();
    Path chosen = file != null ? file : (env.containsKey(ENV_CONFIG_FILE) ? Path.of(env.get(ENV_CONFIG_FILE)) : null);
    if (chosen != null) {
      merge(tree, readFile(chosen), "");
    }
    TreeSet<String> keys = knownKeys(tree);
    for (String key : keys) {
      String value = env.get(envName(key));
      if (value != null) {
        set(tree, key, value);
      }
    }
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("a setting must look like key.path=value, got '" + flag + "'");
      }
      String key = flag.substring(0, eq).trim();
      if (!keys.contains(key) && !key.startsWith("topics.overrides.")) {
        throw new ConfigException("unknown setting '" + key + "'; known settings: " + String.join(", ", keys));
      }
      set(tree, key, flag.substring(eq + 1));
    }
    try {
      return YAML.treeToValue(tree, SafeHavenConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("unknown setting '" + path(e) + "'");
    } catch (IOException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      if (root instanceof ConfigException ce) {
        throw ce;
      }
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new ConfigException("invalid configuration: " + msg);
    }
  }

  public SafeHavenConfig defaultsOnly() {
    return load(null, List.of());
  }

  /** Every settable key, dotted (e.g. {@code kafka.bootstrapServers}). */
  public static TreeSet<String> knownKeys() {
    return knownKeys(defaults());
  }

  /** The environment variable for a key: {@code kafka.bootstrapServers} gives {@code SAFEHAVEN_KAFKA_BOOTSTRAP_SERVERS}. */
  public static String envName(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return ENV_PREFIX + snake.toUpperCase(java.util.Locale.ROOT);
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/safehaven-defaults.yml")) {
      if (in == null) {
        throw new IllegalStateException("safehaven-defaults.yml is missing from the classpath");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        throw new ConfigException(file + ": ${" + m.group(1) + "} is not set and has no default");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    try {
      JsonNode node = YAML.readTree(out.toString());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + ": the configuration must be a YAML mapping");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new ConfigException(file + " is not valid YAML: " + e.getMessage());
    }
  }

  private static void merge(ObjectNode into, ObjectNode from, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode existing = into.get(f.getKey());
      if (existing instanceof ObjectNode e && f.getValue() instanceof ObjectNode v) {
        merge(e, v, prefix + f.getKey() + ".");
      } else {
        into.set(f.getKey(), f.getValue());
      }
    }
  }

  private static TreeSet<String> knownKeys(ObjectNode tree) {
    TreeSet<String> keys = new TreeSet<>();
    collect(tree, "", keys);
    return keys;
  }

  private static void collect(JsonNode node, String prefix, TreeSet<String> keys) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      // Maps such as topics.overrides are settable as a whole, not leaf by leaf.
      if (f.getValue().isObject() && f.getValue().size() > 0) {
        collect(f.getValue(), prefix + f.getKey() + ".", keys);
      } else {
        keys.add(prefix + f.getKey());
      }
    }
  }

  private static void set(ObjectNode tree, String key, String value) {
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], TextNode.valueOf(value));
  }

  private static String path(UnrecognizedPropertyException e) {
    List<String> names = new ArrayList<>();
    for (var ref : e.getPath()) {
      names.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return String.join(".", names);
  }
}
