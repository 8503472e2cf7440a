package org.safehaven.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.ingest.Fixtures.CLOCK;
import static org.safehaven.ingest.Fixtures.VICTIM_ID;
import static org.safehaven.ingest.Fixtures.bytes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safehaven.ingest.Fixtures;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Role;

class EventValidatorTest {

  private final EventValidator validator = new EventValidator(Limits.defaults(), CLOCK);

  private Violations refused(String json) {
    ValidationResult r = validator.validate(bytes(json));
    assertThat(r).isInstanceOf(Violations.class);
    return (Violations) r;
  }

  private static List<String> pathsAndRules(Violations v) {
    return v.list().stream().map(x -> x.path() + " " + x.rule().code()).toList();
  }

  @Test
  void aByteThatIsNotUtf8AnywhereInAnEventIsRefusedEvenInsideAFieldNameItsParserHasSeen() {
    // Jackson 2.21 reads the name "even\xFFtId" as "eventId" once "eventId" is in its symbol table: the
    // valid example events put every name there first, as a running importer's earlier events do.
    for (String json : List.of(Fixtures.crime("e-1"), Fixtures.pnc("e-2"), Fixtures.disclosure("e-3"))) {
      byte[] valid = bytes(json);
      assertThat(validator.validate(valid)).isInstanceOf(ValidEvent.class);
      for (int at = 0; at <= valid.length; at++) {
        byte[] mutated = new byte[valid.length + 1];
        System.arraycopy(valid, 0, mutated, 0, at);
        mutated[at] = (byte) 0xFF;
        System.arraycopy(valid, at, mutated, at + 1, valid.length - at);
        assertThat(validator.validate(mutated)).as("0xFF at byte %d of %s", at, json).isInstanceOf(Violations.class);
      }
    }
  }

  @Test
  void theFourExampleEventsOfTheSpecificationAreValidAndTyped() {
    ValidEvent crime = (ValidEvent) validator.validate(bytes(Fixtures.crime("e-1")));
    ValidEvent pnc = (ValidEvent) validator.validate(bytes(Fixtures.pnc("e-2")));
    ValidEvent disclosure = (ValidEvent) validator.validate(bytes(Fixtures.disclosure("e-3")));
    ValidEvent status = (ValidEvent) validator.validate(bytes(Fixtures.caseStatus("e-4")));

    assertThat(crime).isInstanceOfSatisfying(ValidEvent.CrimeReported.class, c -> {
      assertThat(c.offence()).isEqualTo(Offence.DOMESTIC_ABUSE);
      assertThat(c.persons()).extracting(ValidEvent.Person::role).containsExactly(Role.VICTIM, Role.SUSPECT);
    });
    assertThat(pnc).isInstanceOfSatisfying(ValidEvent.PncQuery.class,
        p -> assertThat(p.reason()).isEqualTo(PncReason.IMMIGRATION_STATUS));
    assertThat(disclosure.type()).isEqualTo("disclosure");
    assertThat(status.eventId()).isEqualTo("e-4");
  }

  @Test
  void optionalIdentifiersMayBeAbsentOrNull() {
    String json = "{\"type\":\"pnc_query\",\"eventId\":\"e-2\",\"force\":\"btp\",\"queryId\":null,"
        + "\"queriedAt\":\"2026-05-01T13:10:00.123Z\",\"personId\":\"X 1\",\"reason\":\"STOP\"}";
    assertThat(validator.validate(bytes(json))).isInstanceOfSatisfying(ValidEvent.PncQuery.class, p -> {
      assertThat(p.queryId()).isNull();
      assertThat(p.officerId()).isNull();
      assertThat(p.reportId()).isNull();
    });
  }

  @Test
  void everyViolationIsReportedWithItsPathAndRule() {
    String json = Fixtures.crime("e-1")
        .replace("\"force\":\"kent\"", "\"force\":\"atlantis\"")
        .replace("\"role\":\"SUSPECT\"", "\"role\":\"BYSTANDER\"")
        .replace("\"offence\":\"DOMESTIC_ABUSE\",", "");
    Violations v = refused(json);
    assertThat(pathsAndRules(v)).containsExactlyInAnyOrder(
        "$.force enum", "$.offence required", "$.persons[1].role enum");
    assertThat(v.eventId()).isEqualTo("e-1");
    assertThat(v.force()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "type of a number              | \"eventId\":\"e-1\"                  | \"eventId\":42                              | $.eventId type",
      "eventId with a space          | \"eventId\":\"e-1\"                  | \"eventId\":\"e 1\"                          | $.eventId pattern",
      "unknown event type            | \"type\":\"crime_reported\"          | \"type\":\"arrest\"                          | $.type enum",
      "bad instant                   | \"reportedAt\":\"2026-05-01T12:00:00Z\" | \"reportedAt\":\"2026-05-01 12:00\"       | $.reportedAt instant",
      "non-UTC offset                | \"reportedAt\":\"2026-05-01T12:00:00Z\" | \"reportedAt\":\"2026-05-01T12:00:00+01:00\" | $.reportedAt instant",
      "impossible date               | \"reportedAt\":\"2026-05-01T12:00:00Z\" | \"reportedAt\":\"2026-02-30T12:00:00Z\"   | $.reportedAt instant",
      "before 1900                   | \"occurredAt\":\"2026-05-01T09:00:00Z\" | \"occurredAt\":\"1899-12-31T23:59:59Z\"   | $.occurredAt range",
      "occurred after reported       | \"occurredAt\":\"2026-05-01T09:00:00Z\" | \"occurredAt\":\"2026-05-01T13:00:00Z\"   | $.occurredAt time-order",
      "in the future beyond skew     | \"reportedAt\":\"2026-05-01T12:00:00Z\" | \"reportedAt\":\"2026-07-01T00:05:01Z\"   | $.reportedAt future-skew",
      "empty persons                 | \"persons\":[                        | \"persons\":[],\"x\":[                       | $.persons min-items",
      "unknown top-level field       | \"offence\":                         | \"nationality\":\"X\",\"offence\":           | $.nationality unknown-field",
      "unknown person field          | \"role\":\"VICTIM\"                   | \"role\":\"VICTIM\",\"name\":\"A\"            | $.persons[0].name unknown-field",
      "persons not an array          | \"persons\":[                        | \"persons\":7,\"zz\":[                      | $.persons type",
  })
  void eachRuleIsNamedAtItsPath(String name, String from, String to, String expected) {
    String json = Fixtures.crime("e-1").replace(from, to);
    assertThat(pathsAndRules(refused(json))).contains(expected);
  }

  @Test
  void anEventExactlyAtTheSkewLimitIsAccepted() {
    String json = Fixtures.crime("e-1").replace("\"reportedAt\":\"2026-05-01T12:00:00Z\"",
        "\"reportedAt\":\"2026-07-01T00:05:00Z\"");
    assertThat(validator.validate(bytes(json))).isInstanceOf(ValidEvent.class);
  }

  @Test
  void malformedTruncatedEmptyAndTrailingInputAreMalformedJson() {
    String crime = Fixtures.crime("e-1");
    assertThat(refused(crime.substring(0, crime.length() / 2)).first().rule()).isEqualTo(Rule.MALFORMED_JSON);
    assertThat(refused("").first().rule()).isEqualTo(Rule.MALFORMED_JSON);
    assertThat(refused("   ").first().rule()).isEqualTo(Rule.MALFORMED_JSON);
    assertThat(refused(crime + " {}").first().rule()).isEqualTo(Rule.MALFORMED_JSON);
    assertThat(validator.validate(new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOfSatisfying(Violations.class, v -> assertThat(v.first().rule()).isEqualTo(Rule.MALFORMED_JSON));
  }

  @Test
  void aNonObjectIsATypeViolationOfTheWholeEvent() {
    assertThat(pathsAndRules(refused("[1,2]"))).containsExactly("$ type");
    assertThat(pathsAndRules(refused("\"" + VICTIM_ID + "\""))).containsExactly("$ type");
  }

  @Test
  void duplicateKeysAreRefusedAtTheirPath() {
    String json = Fixtures.pnc("e-2").replace("\"reason\":", "\"personId\":\"OTHER\",\"reason\":");
    Violations v = refused(json);
    assertThat(pathsAndRules(v)).containsExactly("$.personId duplicate-key");
    assertThat(v.parsed()).isNull();
  }

  @Test
  void hugeStringsDeepNestingAndOversizedEventsAreRefusedWhileParsing() {
    String huge = Fixtures.pnc("e-2").replace("\"Q-9\"", "\"" + "x".repeat(5000) + "\"");
    assertThat(pathsAndRules(refused(huge))).containsExactly("$.queryId too-large");

    String deep = Fixtures.pnc("e-2").replace("\"Q-9\"", "[".repeat(20) + "]".repeat(20));
    assertThat(refused(deep).first().rule()).isEqualTo(Rule.TOO_DEEP);

    String big = "{\"pad\":\"" + "y".repeat(70_000) + "\"}";
    Violations v = refused(big);
    assertThat(pathsAndRules(v)).containsExactly("$ too-large");
    assertThat(v.byteSize()).isGreaterThan(70_000);
  }

  @Test
  void messagesNeverContainTheOffendingValues() {
    String secret = "SECRET-PERSON-42";
    String json = "{\"type\":\"" + secret + "\",\"eventId\":\"" + secret + " x\",\"force\":\"" + secret + "\","
        + "\"" + secret + "\":\"" + secret + "\",\"personId\":7}";
    Violations v = refused(json);
    assertThat(v.list()).isNotEmpty();
    assertThat(v.reason()).doesNotContain(secret).doesNotContain("SECRET");
    v.list().forEach(x -> assertThat(x.path()).doesNotContain("SECRET"));

    Violations dup = refused("{\"" + secret + "\":1,\"" + secret + "\":2}");
    assertThat(dup.reason() + dup.first().path()).doesNotContain("SECRET");

    Violations broken = refused("{\"personId\":\"" + secret + "\" oops}");
    assertThat(broken.reason()).doesNotContain("SECRET");
  }

  @Test
  void personIdsMustBePrintableAsciiAndNotBlank() {
    String odd = Fixtures.pnc("e-2").replace(VICTIM_ID, "\\u0000abc");
    assertThat(pathsAndRules(refused(odd))).containsExactly("$.personId pattern");
    String blank = Fixtures.pnc("e-2").replace(VICTIM_ID, "   ");
    assertThat(pathsAndRules(refused(blank))).containsExactly("$.personId pattern");
    String surrogate = Fixtures.pnc("e-2").replace(VICTIM_ID, "\\ud800x");
    assertThat(pathsAndRules(refused(surrogate))).containsExactly("$.personId pattern");
  }

  @Test
  void tooManyPersonsIsBounded() {
    Limits small = new Limits(65536, 4096, 8, 2, java.time.Duration.ZERO);
    String three = Fixtures.crime("e-1").replace("\"persons\":[", "\"persons\":[{\"personId\":\"A\",\"role\":\"WITNESS\"},");
    ValidationResult r = new EventValidator(small, CLOCK).validate(bytes(three));
    assertThat(r).isInstanceOfSatisfying(Violations.class,
        v -> assertThat(pathsAndRules(v)).containsExactly("$.persons max-items"));
  }

  @Test
  void violationsAreCappedButTheirPathsAreAllKept() {
    StringBuilder json = new StringBuilder("{\"type\":\"case_status\",\"eventId\":\"e\",\"force\":\"kent\","
        + "\"reportId\":\"R\",\"status\":\"OPEN\",\"changedAt\":\"2026-01-01T00:00:00Z\"");
    for (int i = 0; i < 30; i++) {
      json.append(",\"extra").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append("\":1");
    }
    Violations v = refused(json.append('}').toString());
    assertThat(v.list()).hasSize(EventValidator.MAX_VIOLATIONS);
    assertThat(v.paths()).hasSize(30);
  }

  @Test
  void instantsParseExactlyAsIso8601UtcAndNothingElse() {
    for (String ok : List.of("2026-05-01T09:00:00Z", "2024-02-29T23:59:59Z", "2026-05-01T09:00:00.1Z",
        "2026-05-01T09:00:00.123456789Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z")) {
      assertThat(EventValidator.parseUtcInstant(ok)).as(ok).isEqualTo(java.time.Instant.parse(ok));
    }
    for (String bad : List.of("2025-02-29T00:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T09:60:00Z",
        "2026-05-01T09:00:60Z", "2026-05-01T09:00:00.Z", "2026-05-01T09:00:00.1234567890Z", "2026-05-01t09:00:00Z",
        "2026-05-01T09:00:00", "+2026-05-01T09:00:00Z", "2026-5-01T09:00:00Z", "2026-05-01T09:00:00+00:00",
        "2026-05-01T09:00:0xZ", "")) {
      assertThat(EventValidator.parseUtcInstant(bad)).as(bad).isNull();
    }
  }

  @Test
  void theStreamingPathAcceptsExactlyWhatTheFullPathAcceptsAndTypesItTheSame() {
    EventValidator validator = new EventValidator(Limits.defaults(), Fixtures.CLOCK);
    org.safehaven.ingest.testkit.EventMutator mutator = new org.safehaven.ingest.testkit.EventMutator(424242L, "eq");
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input = mutator.next();
      ValidationResult full = validator.validateFully(input, 0, input.length);
      ValidEvent fast = input.length > Limits.defaults().maxEventBytes() ? null
          : validator.acceptFast(input, 0, input.length);
      if (full instanceof ValidEvent valid) {
        // Bytes beyond ASCII (odd unicode in a value) send an event to the full path (see acceptFast).
        boolean ascii = true;
        for (byte b : input) {
          ascii &= b >= 0;
        }
        assertThat(fast).as("input %d: a valid ASCII event takes the streaming path, with the same result", i)
            .isEqualTo(ascii ? valid : null);
        assertThat(validator.validate(input)).as("input %d: accepted, typed the same", i).isEqualTo(valid);
        accepted++;
      } else {
        assertThat(fast).as("input %d: what the full path refuses, the streaming path does not accept", i).isNull();
        refused++;
      }
    }
    assertThat(accepted).isGreaterThan(2000);
    assertThat(refused).isGreaterThan(10_000);
  }
}
