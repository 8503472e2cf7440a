package org.safehaven.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the deployment's files (docker-compose.yml, Dockerfile, the root pom's properties) with real parsers,
 * and holds the checks the deployment tests make, as pure functions over the parsed trees, so a negative case
 * can run the same check on a small snippet.
 */
final class DeploymentFiles {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern TOKEN = Pattern.compile("sh_[A-Za-z0-9_-]{43}");
  private static final Pattern LONG_HEX = Pattern.compile("(?i)[0-9a-f]{64,}");

  /**
   * SAFEHAVEN_* variables that are not configuration keys but are read from the environment on purpose, each
   * named by the constant of the code that reads it: the configuration file of the loader itself, and the file
   * that holds the pseudonymisation key (a secret, so never a setting).
   */
  static final Set<String> LOADER_VARIABLES = Set.of(ConfigLoader.ENV_CONFIG_FILE, PseudonymisationKey.ENV_KEY_FILE);

  private DeploymentFiles() {}

  /** The repository root: the parent of the module the tests run in (surefire's working directory). */
  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + here);
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode compose() {
    try {
      return yaml(Files.readString(repoRoot().resolve("docker-compose.yml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> dockerfileLines() {
    try {
      return Files.readAllLines(repoRoot().resolve("Dockerfile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The root pom's {@code <properties>} and its version, read with the JDK's XML parser. */
  static Map<String, String> pomProperties() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(true);
      Document doc = f.newDocumentBuilder().parse(repoRoot().resolve("pom.xml").toFile());
      Element project = doc.getDocumentElement();
      Map<String, String> out = new LinkedHashMap<>();
      for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getLocalName().equals("version")) {
          out.put("project.version", e.getTextContent().trim());
        }
        if (n instanceof Element e && e.getLocalName().equals("properties")) {
          NodeList props = e.getChildNodes();
          for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element p) {
              out.put(p.getLocalName(), p.getTextContent().trim());
            }
          }
        }
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the root pom.xml", e);
    }
  }

  static Map<String, JsonNode> services(JsonNode compose) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    compose.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** A service's environment, whether written as a mapping or as a list of NAME=value. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.path("environment");
    if (e.isObject()) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
    } else if (e.isArray()) {
      for (JsonNode item : e) {
        String s = item.asText();
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  /**
   * A service's configuration as its container would load it: its environment through the ConfigLoader, with
   * a SAFEHAVEN_CONFIG path inside the container replaced by the repository file bind-mounted there.
   */
  static SafeHavenConfig config(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>(environment(service));
    String file = env.get(ConfigLoader.ENV_CONFIG_FILE);
    if (file != null) {
      String host = null;
      for (JsonNode v : service.path("volumes")) {
        String[] parts = v.asText().split(":");
        if (parts.length >= 2 && parts[1].equals(file) && parts[0].startsWith("./")) {
          host = repoRoot().resolve(parts[0].substring(2)).toString();
        }
      }
      if (host == null) {
        throw new IllegalStateException(ConfigLoader.ENV_CONFIG_FILE + "=" + file + " is not a file the service mounts");
      }
      env.put(ConfigLoader.ENV_CONFIG_FILE, host);
    }
    return new ConfigLoader(env).defaultsOnly();
  }

  /** Every environment variable name the ConfigLoader maps to a key, by its own mapping. */
  static Set<String> knownVariables() {
    Set<String> names = new TreeSet<>();
    for (String key : ConfigLoader.knownKeys()) {
      names.add(ConfigLoader.envName(key));
    }
    return names;
  }

  /** "service: VARIABLE" for each SAFEHAVEN_* variable that is neither a known key nor a loader variable. */
  static List<String> unknownSafeHavenVariables(JsonNode compose) {
    Set<String> known = knownVariables();
    List<String> unknown = new ArrayList<>();
    services(compose).forEach((name, service) -> environment(service).keySet().stream()
        .filter(v -> v.startsWith(ConfigLoader.ENV_PREFIX))
        .filter(v -> !known.contains(v) && !LOADER_VARIABLES.contains(v))
        .forEach(v -> unknown.add(name + ": " + v)));
    return unknown;
  }

  /** The image's tag (after the last ':' that follows the last '/'), or "" when untagged. */
  static String tag(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "";
  }

  static String repository(String image) {
    String t = tag(image);
    return t.isEmpty() ? image : image.substring(0, image.length() - t.length() - 1);
  }

  /**
   * Where a secret value would sit inline: the key variable itself, a value that looks like a token or a key,
   * a top-level secret not read from a file, and a *_FILE variable that points at no secret the service mounts.
   */
  static List<String> inlineSecrets(JsonNode compose) {
    List<String> found = new ArrayList<>();
    services(compose).forEach((name, service) -> {
      Set<String> mounted = new TreeSet<>();
      for (JsonNode s : service.path("secrets")) {
        if (s.isTextual()) {
          mounted.add("/run/secrets/" + s.asText());
        } else {
          String target = s.path("target").asText(s.path("source").asText());
          mounted.add(target.startsWith("/") ? target : "/run/secrets/" + target);
        }
      }
      environment(service).forEach((variable, value) -> {
        if (variable.equals(PseudonymisationKey.ENV_KEY)) {
          found.add(name + ": " + variable + " carries the key itself");
        }
        if (TOKEN.matcher(value).find() || LONG_HEX.matcher(value).find()) {
          found.add(name + ": " + variable + " holds a token- or key-like value");
        }
        if (variable.equals(PseudonymisationKey.ENV_KEY_FILE) && !mounted.contains(value)) {
          found.add(name + ": " + variable + " points at no secret the service mounts");
        }
      });
    });
    compose.path("secrets").fields().forEachRemaining(s -> {
      if (!s.getValue().has("file")) {
        found.add("secret " + s.getKey() + " is not read from a file");
      }
    });
    return found;
  }

  /** Services that run once and exit (restart "no" or on-failure): dependents wait for their success. */
  static Set<String> oneShotServices(JsonNode compose) {
    Set<String> out = new TreeSet<>();
    services(compose).forEach((name, s) -> {
      String restart = s.path("restart").asText();
      if (restart.equals("no") || restart.equals("on-failure")) {
        out.add(name);
      }
    });
    return out;
  }

  /**
   * What breaks the start order: a long-running service (restart unless-stopped) without a health check, a
   * dependency without a condition, a dependency on a one-shot that does not wait for its success, or on a
   * long-running service that does not wait for its health. The one exception is the Flink TaskManager: the
   * JobManager turns healthy only once the job runs, and that needs the TaskManager's slots.
   */
  static List<String> healthProblems(JsonNode compose) {
    List<String> found = new ArrayList<>();
    Map<String, JsonNode> all = services(compose);
    Set<String> oneShot = oneShotServices(compose);
    all.forEach((name, s) -> {
      if (oneShot.contains(name)) {
        return;
      }
      String restart = s.path("restart").asText();
      if (!restart.equals("unless-stopped")) {
        found.add(name + " restarts " + (restart.isEmpty() ? "never" : restart) + ", not unless-stopped");
      }
      if (!s.path("healthcheck").path("test").isArray()) {
        found.add(name + " has no health check");
      }
    });
    all.forEach((name, s) -> {
      JsonNode deps = s.path("depends_on");
      if (deps.isArray()) {
        deps.forEach(d -> found.add(name + " depends on " + d.asText() + " without a condition"));
        return;
      }
      deps.fields().forEachRemaining(d -> {
        String on = d.getKey();
        String condition = d.getValue().path("condition").asText();
        String expected = oneShot.contains(on) ? "service_completed_successfully" : "service_healthy";
        boolean flinkSlots = name.equals("flink-taskmanager") && on.equals("flink-jobmanager")
            && condition.equals("service_started");
        if (condition.isEmpty()) {
          found.add(name + " depends on " + on + " without a condition");
        } else if (!condition.equals(expected) && !flinkSlots) {
          found.add(name + " depends on " + (oneShot.contains(on) ? "one-shot " : "") + on + " with " + condition
              + ", not " + expected);
        }
      });
    });
    return found;
  }

  /** The FROM images of a Dockerfile, in order ({@code FROM image [AS name]}). */
  static List<String> fromImages(List<String> dockerfile) {
    List<String> images = new ArrayList<>();
    Pattern from = Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    for (String line : dockerfile) {
      Matcher m = from.matcher(line);
      if (m.find()) {
        images.add(m.group(1));
      }
    }
    return images;
  }

  /** The Java feature version an image's tag names (eclipse-temurin:17..., ...-eclipse-temurin-17, ...-java17), or -1. */
  static int javaVersion(String image) {
    Matcher m = Pattern.compile("(?:eclipse-temurin[-:]|java)(\\d+)").matcher(image);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Copies a tree, for negative cases that change one thing of a real file. */
  static ObjectNode copy(JsonNode node) {
    return (ObjectNode) node.deepCopy();
  }
}
