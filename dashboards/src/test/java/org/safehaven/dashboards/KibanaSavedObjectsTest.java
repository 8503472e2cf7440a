package org.safehaven.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.template.IndexTemplates;
import org.safehaven.schema.Channel;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The Kibana saved objects (dashboards/kibana/*.ndjson), checked against the indexer's own index templates:
 * every object parses, every reference resolves, every index pattern names one of the platform's indices
 * (default prefix), and every field a visualization, search or query uses exists in that index's mapping
 * with a type its aggregation accepts. (No Kibana runs here; this is what can be proven without one.)
 */
class KibanaSavedObjectsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path KIBANA = Path.of("kibana");
  private static final Set<String> TYPES = Set.of("index-pattern", "visualization", "search", "dashboard");
  /** Keyword fields whose values are enum symbols: a query naming another value is a typo that matches nothing. */
  private static final Map<String, Class<? extends Enum<?>>> ENUM_FIELDS = Map.of("rule", Rule.class,
      "severity", Severity.class, "flowType", FlowType.class, "pncReason", PncReason.class, "phase", Phase.class,
      "recipient", Recipient.class, "channel", Channel.class, "offence", Offence.class);
  private static final Pattern KQL_TERM = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)\\s*:\\s*([A-Za-z0-9_\\-]+)");

  private static final List<JsonNode> objects = new ArrayList<>();
  private static final Map<String, JsonNode> byKey = new HashMap<>();
  private static Map<String, TypeMapping> mappings;

  @BeforeAll
  static void load() throws IOException {
    mappings = IndexTemplates.mappings(IndexNames.DEFAULT);
    List<Path> files;
    try (Stream<Path> s = Files.list(KIBANA)) {
      files = s.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
    }
    assertThat(files).as("saved objects in dashboards/kibana").isNotEmpty();
    for (Path f : files) {
      int n = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = JSON.readTree(line);
        assertThat(o.isObject()).as(f + ":" + n + " is a JSON object").isTrue();
        objects.add(o);
        JsonNode previous = byKey.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
        assertThat(previous).as(f + ":" + n + " repeats " + o.path("id").asText()).isNull();
      }
    }
  }

  @Test
  void everyObjectHasAnIdATypeKibanaKnowsAndATitle() {
    assertThat(objects).isNotEmpty();
    for (JsonNode o : objects) {
      assertThat(o.path("id").asText()).as("id").matches("[a-z0-9-]+");
      assertThat(TYPES).as(o.path("id").asText() + " type").contains(o.path("type").asText());
      assertThat(o.path("attributes").path("title").asText()).as(o.path("id").asText() + " title").isNotBlank();
      assertThat(o.path("coreMigrationVersion").asText()).as("migration version").matches("8\\.\\d+\\.\\d+");
    }
    assertThat(objects.stream().map(o -> o.path("type").asText())).contains("index-pattern", "visualization",
        "dashboard");
  }

  @Test
  void everyReferenceResolvesToAnObjectOfTheFile() {
    for (JsonNode o : objects) {
      for (JsonNode ref : o.path("references")) {
        String key = ref.path("type").asText() + "/" + ref.path("id").asText();
        assertThat(byKey).as(o.path("id").asText() + " refers to " + key).containsKey(key);
      }
    }
  }

  @Test
  void everyIndexPatternIsAnIndexOfThePlatformWithADateTimeField() {
    List<String> titles = new ArrayList<>();
    for (JsonNode o : of("index-pattern")) {
      String title = o.path("attributes").path("title").asText();
      titles.add(title);
      TypeMapping mapping = mappingFor(title);
      String time = o.path("attributes").path("timeFieldName").asText();
      assertThat(field(mapping, time)).as(title + " time field " + time).hasValueSatisfying(p ->
          assertThat(p.isDate()).as(time + " is a date").isTrue());
    }
    assertThat(titles).as("one pattern per index").containsExactlyInAnyOrderElementsOf(IndexNames.DEFAULT.all());
  }

  @Test
  void everyFieldAVisualizationAggregatesExistsWithATypeItsAggregationAccepts() throws IOException {
    int checked = 0;
    for (JsonNode o : of("visualization")) {
      String name = o.path("id").asText();
      TypeMapping mapping = mappingFor(indexOf(o));
      JsonNode state = JSON.readTree(o.path("attributes").path("visState").asText());
      assertThat(state.path("aggs").isArray()).as(name + " has aggregations").isTrue();
      for (JsonNode agg : state.path("aggs")) {
        String type = agg.path("type").asText();
        String f = agg.path("params").path("field").asText(null);
        if ("count".equals(type)) {
          assertThat(f).as(name + ": count needs no field").isNull();
          continue;
        }
        assertThat(f).as(name + ": " + type + " names a field").isNotNull();
        Property p = field(mapping, f).orElseThrow(() -> new AssertionError(name + ": " + f
            + " is not in the mapping of " + indexOf(o)));
        switch (type) {
          case "date_histogram" -> assertThat(p.isDate()).as(name + ": " + f + " is a date").isTrue();
          case "terms" -> assertThat(p.isKeyword() || p.isBoolean()).as(name + ": terms on keyword " + f).isTrue();
          case "histogram", "sum", "avg", "max", "min", "percentiles" -> assertThat(numeric(p))
              .as(name + ": " + type + " on a number (" + f + ")").isTrue();
          default -> throw new AssertionError(name + ": an aggregation this test does not know: " + type);
        }
        checked++;
      }
      checkQuery(name, o, mapping);
    }
    assertThat(checked).as("fields checked").isGreaterThan(10);
  }

  @Test
  void savedSearchColumnsAndSortFieldsExist() throws IOException {
    for (JsonNode o : of("search")) {
      String name = o.path("id").asText();
      TypeMapping mapping = mappingFor(indexOf(o));
      for (JsonNode c : o.path("attributes").path("columns")) {
        assertThat(field(mapping, c.asText())).as(name + " column " + c.asText()).isPresent();
      }
      for (JsonNode s : o.path("attributes").path("sort")) {
        assertThat(field(mapping, s.get(0).asText())).as(name + " sort " + s.get(0).asText()).isPresent();
      }
      checkQuery(name, o, mapping);
    }
  }

  @Test
  void dashboardPanelsAllResolveAndFitTheGrid() throws IOException {
    List<JsonNode> dashboards = of("dashboard");
    assertThat(dashboards).isNotEmpty();
    for (JsonNode d : dashboards) {
      Map<String, JsonNode> refs = new HashMap<>();
      d.path("references").forEach(r -> refs.put(r.path("name").asText(), r));
      JsonNode panels = JSON.readTree(d.path("attributes").path("panelsJSON").asText());
      assertThat(panels.size()).as("panels").isGreaterThanOrEqualTo(5);
      Set<String> indices = new HashSet<>();
      for (JsonNode p : panels) {
        String ref = p.path("panelRefName").asText();
        assertThat(refs).as("panel " + ref + " has a reference").containsKey(ref);
        JsonNode target = byKey.get(refs.get(ref).path("type").asText() + "/" + refs.get(ref).path("id").asText());
        assertThat(target).as(ref + " target").isNotNull();
        indices.add(indexOf(target));
        JsonNode g = p.path("gridData");
        assertThat(g.path("x").asInt() + g.path("w").asInt()).as(ref + " fits Kibana's 48 columns").isLessThanOrEqualTo(48);
        assertThat(g.path("h").asInt()).as(ref + " height").isPositive();
      }
      // The same overview as the web dashboard: alerts and flows over the same indices.
      assertThat(indices).contains(IndexNames.DEFAULT.alerts(), IndexNames.DEFAULT.lineage());
      JSON.readTree(d.path("attributes").path("optionsJSON").asText());
      JSON.readTree(d.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
    }
  }

  @Test
  void everyAlertCountIsOfTheAlertsIndexWithWithdrawnAlertsLeftOut() throws IOException {
    // One set of numbers (docs/specification.md 9.4): Kibana counts the alerts the alert list shows, never the daily
    // metrics' alert counts, which the Flink job no longer writes.
    int alertObjects = 0;
    for (JsonNode o : objects) {
      String type = o.path("type").asText();
      if (!type.equals("visualization") && !type.equals("search")) {
        continue;
      }
      String name = o.path("id").asText();
      String index = indexOf(o);
      String query = JSON.readTree(o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON")
          .asText()).path("query").path("query").asText("");
      if (index.equals(IndexNames.DEFAULT.alerts())) {
        alertObjects++;
        assertThat(query).as(name + " leaves withdrawn alerts out").containsPattern("(^|\\band )not withdrawn:true$");
      }
      if (type.equals("visualization")) {
        for (JsonNode agg : JSON.readTree(o.path("attributes").path("visState").asText()).path("aggs")) {
          String f = agg.path("params").path("field").asText("");
          assertThat(f).as(name + " counts no alerts from the daily metrics").doesNotStartWith("alertsByRule")
              .isNotIn("delayHoursP50", "delayHoursP90");
        }
      }
    }
    assertThat(alertObjects).as("the alert visualizations and the latest alerts").isGreaterThanOrEqualTo(6);
  }

  @Test
  void aFieldMissingFromTheMappingIsNoticed() {
    // The checks above must be able to fail: a renamed field is not found, an object path is followed.
    TypeMapping metrics = mappingFor(IndexNames.DEFAULT.metrics());
    assertThat(field(metrics, "alertsByRule.DELAYED_SHARING")).isPresent();
    assertThat(field(metrics, "alertsByRule.NO_SUCH_RULE")).isEmpty();
    assertThat(field(mappingFor(IndexNames.DEFAULT.alerts()), "delayDays")).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private static List<JsonNode> of(String type) {
    return objects.stream().filter(o -> type.equals(o.path("type").asText())).toList();
  }

  /** The index a visualization or search reads: the title of the index pattern its search source refers to. */
  private static String indexOf(JsonNode o) {
    for (JsonNode r : o.path("references")) {
      if ("index-pattern".equals(r.path("type").asText())
          && "kibanaSavedObjectMeta.searchSourceJSON.index".equals(r.path("name").asText())) {
        return byKey.get("index-pattern/" + r.path("id").asText()).path("attributes").path("title").asText();
      }
    }
    throw new AssertionError(o.path("id").asText() + " has no index pattern");
  }

  private static TypeMapping mappingFor(String index) {
    TypeMapping m = mappings.get(index);
    assertThat(m).as(index + " is one of the platform's indices " + mappings.keySet()).isNotNull();
    return m;
  }

  /** A field by its dotted path, following object properties. */
  static Optional<Property> field(TypeMapping mapping, String path) {
    Map<String, Property> props = mapping.properties();
    Property p = null;
    for (String part : path.split("\\.")) {
      if (props == null || !props.containsKey(part)) {
        return Optional.empty();
      }
      p = props.get(part);
      props = p.isObject() ? p.object().properties() : null;
    }
    return Optional.ofNullable(p);
  }

  private static boolean numeric(Property p) {
    return p.isLong() || p.isInteger() || p.isDouble() || p.isFloat() || p.isShort();
  }

  /** The KQL query of a search source: its fields exist, and values of enum fields are real symbols. */
  private static void checkQuery(String name, JsonNode o, TypeMapping mapping) throws IOException {
    JsonNode source = JSON.readTree(o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
    assertThat(source.path("indexRefName").asText()).as(name + " index reference").isNotBlank();
    String query = source.path("query").path("query").asText("");
    Matcher m = KQL_TERM.matcher(query);
    while (m.find()) {
      String f = m.group(1);
      String v = m.group(2);
      Property p = field(mapping, f).orElseThrow(() -> new AssertionError(name + ": query field " + f + " is not mapped"));
      if (p.isBoolean()) {
        assertThat(v).as(name + ": " + f).isIn("true", "false");
      }
      Class<? extends Enum<?>> symbols = ENUM_FIELDS.get(f);
      if (symbols != null) {
        assertThat(Arrays.stream(symbols.getEnumConstants()).map(Enum::name)).as(name + ": " + f + ":" + v).contains(v);
      }
    }
  }
}
