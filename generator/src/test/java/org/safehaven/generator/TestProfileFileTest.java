package org.safehaven.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.generator.key.InterchangeReader;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.generator.key.KeyEvent;
import org.safehaven.generator.key.ReferenceRules;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** One test-profile file, checked line by line against docs/specification.md and against its own answer key. */
class TestProfileFileTest {

  @TempDir
  static Path dir;
  static Generated file;
  static List<String> lines;
  static JsonNode summary;

  @BeforeAll
  static void generate() throws IOException {
    file = Generated.write(dir, "test.jsonl", Generated.testProfile(11));
    lines = file.lines();
    summary = new ObjectMapper().readTree(file.summary().toFile());
  }

  @Test
  void theSameSeedGivesTheSameBytesAgain() throws IOException {
    Generated again = Generated.write(dir, "again.jsonl", Generated.testProfile(11));
    assertThat(Files.mismatch(file.events(), again.events())).isEqualTo(-1L);
    assertThat(Files.mismatch(file.key(), again.key())).isEqualTo(-1L);
    assertThat(Files.mismatch(file.summary(), again.summary())).isEqualTo(-1L);
  }

  @Test
  void isASmallFileWithinTheSizeTestsNeed() {
    assertThat(lines.size()).isBetween(1_000, 50_000);
    assertThat(summary.at("/events/lines").asLong()).isEqualTo(lines.size());
  }

  @Test
  void everyLineIsValidExceptTheCountedBadOnesAndEachIsBadForItsKind() {
    Instant now = Instant.now();
    Map<String, Long> problems = new TreeMap<>();
    long valid = 0;
    for (String line : lines) {
      String p = InterchangeValidator.problem(line, now);
      if (p == null) {
        valid++;
      } else {
        problems.merge(p, 1L, Long::sum);
      }
    }
    Map<String, Long> expected = new TreeMap<>();
    summary.at("/events/badByKind").fields().forEachRemaining(e -> {
      if (e.getValue().asLong() > 0) {
        expected.put(e.getKey(), e.getValue().asLong());
      }
    });
    assertThat(problems).isEqualTo(expected);
    assertThat(expected.keySet()).as("a test file has every kind of bad line").hasSize(9);
    assertThat(valid).isEqualTo(summary.at("/events/valid").asLong() + summary.at("/events/duplicates").asLong());
  }

  @Test
  void eventIdsAreUniqueExceptDuplicatesWhichRepeatTheWholeLine() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> byId = new HashMap<>();
    long duplicates = 0;
    for (String line : lines) {
      if (InterchangeValidator.problem(line, Instant.now()) != null) {
        continue;
      }
      String id = json.readTree(line).get("eventId").asText();
      String previous = byId.putIfAbsent(id, line);
      if (previous != null) {
        assertThat(line).isEqualTo(previous);
        duplicates++;
      }
    }
    assertThat(duplicates).isPositive().isEqualTo(summary.at("/events/duplicates").asLong());
  }

  @Test
  void withoutShuffleLinesAreInEventTimeOrder() {
    assertThat(summary.at("/events/outOfOrderLines").asLong()).isZero();
    Instant previous = Instant.MIN;
    for (String line : lines) {
      if (InterchangeValidator.problem(line, Instant.now()) != null) {
        continue;
      }
      Instant t = InterchangeReader.read(line).time();
      assertThat(t).isAfterOrEqualTo(previous);
      previous = t;
    }
  }

  @Test
  void everyEventIsInThePastSoThatIngestDoesNotTakeItForTheFuture() {
    assertThat(Instant.parse(summary.at("/events/lastEventTime").asText())).isBefore(Instant.now());
  }

  @Test
  void theKeyHasSeveralAlertsOfEveryRuleAndEverySeverity() throws IOException {
    Map<Rule, Long> byRule = file.keyAlerts().stream()
        .collect(Collectors.groupingBy(KeyAlert::rule, Collectors.counting()));
    for (Rule r : Rule.values()) {
      assertThat(byRule.getOrDefault(r, 0L)).as(r.name()).isGreaterThanOrEqualTo(3);
    }
    assertThat(file.keyAlerts()).extracting(KeyAlert::severity).contains(Severity.values());
    assertThat(file.keyAlerts()).anyMatch(KeyAlert::mixedRoles);
    assertThat(summary.at("/answerKey/alerts").asInt()).isEqualTo(file.keyAlerts().size());
  }

  @Test
  void theEdgeCasesLeaveTheirSignatureInTheKey() throws IOException {
    List<KeyAlert> key = file.keyAlerts();
    assertThat(key).as("disclosure exactly 72 h after the report")
        .filteredOn(a -> a.rule() == Rule.SHARED_AT_REPORT && a.delayHours() == 72).hasSizeGreaterThanOrEqualTo(3);
    assertThat(key).as("one second later")
        .filteredOn(a -> a.rule() == Rule.DELAYED_SHARING && a.delayHours() == 72
            && a.phase() == org.safehaven.schema.Phase.WHILE_CASE_OPEN).hasSizeGreaterThanOrEqualTo(3);
    assertThat(key).as("disclosure at the report's instant")
        .filteredOn(a -> a.rule() == Rule.SHARED_AT_REPORT && a.delayHours() == 0).hasSizeGreaterThanOrEqualTo(3);
    assertThat(key).as("burglary closed on day 20, disclosed on day 25")
        .filteredOn(a -> a.rule() == Rule.DELAYED_SHARING && a.delayHours() == 600
            && a.offence() == org.safehaven.schema.Offence.BURGLARY && a.severity() == Severity.MEDIUM
            && a.phase() == org.safehaven.schema.Phase.AFTER_CASE_CLOSED).hasSizeGreaterThanOrEqualTo(3);
    assertThat(key).as("victim and suspect of one domestic abuse report")
        .filteredOn(a -> a.rule() == Rule.SHARED_AT_REPORT && a.mixedRoles() && a.severity() == Severity.CRITICAL)
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(key).as("one SYSTEMATIC_DEFERRAL per deferral campaign")
        .filteredOn(a -> a.rule() == Rule.SYSTEMATIC_DEFERRAL).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(a -> {
          assertThat(a.windowDisclosures()).isGreaterThanOrEqualTo(5);
          assertThat(2 * a.windowAfterClosure()).isGreaterThan(a.windowDisclosures());
          assertThat(a.reportId()).isNull();
        });
  }

  @Test
  void everyEdgeCaseOfTheCatalogueIsPlantedThreeTimes() {
    assertThat(summary.at("/edgeCasesPlanted").size()).isEqualTo(22);
    summary.at("/edgeCasesPlanted").fields().forEachRemaining(e ->
        assertThat(e.getValue().asInt()).as(e.getKey()).isEqualTo(3));
  }

  @Test
  void theKeyEqualsTheReferenceRulesRunOverTheWholeFile() throws IOException {
    // The key is computed from the events the generator marked as relevant; running the rules over every
    // valid line proves that nothing the rules need was left out.
    List<KeyEvent> all = new ArrayList<>();
    for (String line : lines) {
      if (InterchangeValidator.problem(line, Instant.now()) == null) {
        all.add(InterchangeReader.read(line));
      }
    }
    assertThat(all.size()).isGreaterThan((int) summary.at("/events/usedForAnswerKey").asLong());
    assertThat(new ReferenceRules(Generated.POLICY).evaluate(all)).isEqualTo(file.keyAlerts());
  }

  @Test
  void theKeyNamesNoPersonAndOnlyEventsOfTheFile() throws IOException {
    String key = Files.readString(file.key());
    assertThat(key).doesNotContain("personId").doesNotContain("PNC-").doesNotContain("-P-");
    ObjectMapper json = new ObjectMapper();
    Map<String, String> types = new HashMap<>();
    for (String line : lines) {
      if (InterchangeValidator.problem(line, Instant.now()) == null) {
        JsonNode n = json.readTree(line);
        types.put(n.get("eventId").asText(), n.get("type").asText());
      }
    }
    for (KeyAlert a : file.keyAlerts()) {
      String expectedType = a.rule() == Rule.PNC_IMMIGRATION_CHECK ? "pnc_query" : "disclosure";
      assertThat(types.get(a.triggeringEventId())).as(a.triggeringEventId()).isEqualTo(expectedType);
    }
  }
}
