package org.safehaven.indexer.template;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.document.IndexDocument;
import org.safehaven.indexer.testkit.Records;
import org.safehaven.schema.Offence;

class IndexTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final IndexNames names = new IndexNames("t1");
  private final Documents docs = new Documents(names);

  @Test
  void everyMappingIsStrict() {
    IndexTemplates.mappings(names).values().forEach(m -> assertThat(m.dynamic()).isEqualTo(DynamicMapping.Strict));
  }

  @Test
  void everyFieldOfEveryDocumentIsDeclaredInItsIndexMapping() throws Exception {
    Map<String, TypeMapping> mappings = IndexTemplates.mappings(names);
    List<IndexDocument> all = List.of(
        docs.alert(Records.delayedSharing("a", "kent")),
        docs.alertRevision(Records.delayedSharing("a", "kent")),
        docs.lineage(Records.disclosure("e", List.of(Records.victimRole("R", Offence.ROBBERY,
            Instant.parse("2026-01-01T00:00:00Z"))), "R")),
        docs.metrics(Records.metrics("kent", LocalDate.parse("2026-05-01")), 1),
        docs.report(Records.report("e-1", "R")),
        docs.caseStatus(Records.caseStatus("e-2", "R")));
    for (IndexDocument d : all) {
      assertDeclared(JSON.readTree(d.source()), mappings.get(d.index()).properties(), d.index());
    }
  }

  @Test
  void filterAndGroupFieldsAreKeywordsAndTimesAreDates() {
    TypeMapping alerts = IndexTemplates.alerts();
    for (String f : List.of("force", "rule", "severity", "recipient", "channel", "offence", "phase")) {
      assertThat(alerts.properties().get(f).isKeyword()).as(f).isTrue();
    }
    assertThat(alerts.properties().get("eventTime").isDate()).isTrue();
    assertThat(alerts.properties().get("revision").isInteger()).isTrue();
    assertThat(alerts.properties().get("withdrawn").isBoolean()).as("a withdrawn alert is filtered out").isTrue();
    assertThat(IndexTemplates.metrics().properties().get("day").date().format()).isEqualTo("strict_date");
  }

  @Test
  void theRevisionHistoryIndexHasTheAlertsMappingSoEveryRevisionReadsLikeAnAlert() {
    Map<String, TypeMapping> mappings = IndexTemplates.mappings(names);
    assertThat(mappings).containsKey("t1-alert-revisions");
    assertThat(mappings.get("t1-alert-revisions").properties().keySet())
        .isEqualTo(mappings.get("t1-alerts").properties().keySet());
    assertThat(mappings.keySet()).containsExactlyElementsOf(names.all());
  }

  @Test
  void theTemplateMatchesExactlyItsOwnIndexAndSerialisesWithStrictDynamic() {
    var request = IndexTemplates.template("t1-alerts", IndexTemplates.alerts());
    assertThat(request.indexPatterns()).containsExactly("t1-alerts");
    StringWriter out = new StringWriter();
    var mapper = new JacksonJsonpMapper();
    try (var gen = mapper.jsonProvider().createGenerator(out)) {
      request.serialize(gen, mapper);
    }
    assertThat(out.toString()).contains("\"dynamic\":\"strict\"").contains("\"auto_expand_replicas\":\"0-1\"");
  }

  private static void assertDeclared(JsonNode doc, Map<String, Property> properties, String where) {
    Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      Property p = properties.get(f.getKey());
      assertThat(p).as(where + "." + f.getKey() + " is declared").isNotNull();
      JsonNode v = f.getValue();
      JsonNode sample = v.isArray() && !v.isEmpty() ? v.get(0) : v;
      if (sample.isObject()) {
        assertThat(p.isObject()).as(where + "." + f.getKey() + " is an object").isTrue();
        assertThat(p.object().dynamic()).isEqualTo(DynamicMapping.Strict);
        assertDeclared(sample, p.object().properties(), where + "." + f.getKey());
      }
    }
  }
}
