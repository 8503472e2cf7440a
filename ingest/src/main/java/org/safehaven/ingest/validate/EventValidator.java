package org.safehaven.ingest.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.safehaven.core.id.ForceId;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * Checks one event of the interchange format (docs/specification.md) and types it.
 *
 * <p>Contract:
 * <ul>
 *   <li>Pure: the same bytes and the same clock give the same result, whichever entry they came through.
 *       Thread-safe.</li>
 *   <li>Parsing is bounded by {@link Limits}: size, string length, nesting depth; duplicate field names
 *       and trailing content are refused, so what one reader sees is what every reader sees.</li>
 *   <li>Every violation found is reported (up to {@link #MAX_VIOLATIONS}), each with its JSON path and
 *       {@link Rule}. Messages never contain a value from the input, only paths and rules; field names
 *       are echoed only when they are plain letters like the format's own.</li>
 *   <li>Fields the format does not define are refused ({@link Rule#UNKNOWN_FIELD}): the format carries no
 *       names, dates of birth, addresses or nationality, and an unexpected field could be exactly that.</li>
 *   <li>Times are ISO-8601 UTC instants ({@code 2026-05-01T09:00:00Z}, fractions of a second allowed),
 *       from 1900 to now plus the configured skew; a crime's occurredAt may not follow its reportedAt.</li>
 *   <li>Identifiers (eventId, reportId, queryId, disclosureId, officerId) are 1 to 128 printable ASCII
 *       characters without spaces; a personId is 1 to 128 printable ASCII characters and not blank.
 *       Optional identifiers may be absent or null.</li>
 * </ul>
 */
public final class EventValidator {

  /** Reporting stops after this many violations: enough to fix an event, bounded for a hostile one. */
  public static final int MAX_VIOLATIONS = 20;

  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z]{1,64}");
  private static final int MAX_ID_LENGTH = 128;

  private static final Set<String> CRIME_FIELDS =
      Set.of("type", "eventId", "force", "reportId", "occurredAt", "reportedAt", "offence", "persons");
  private static final Set<String> PNC_FIELDS =
      Set.of("type", "eventId", "force", "queryId", "queriedAt", "officerId", "personId", "reason", "reportId");
  private static final Set<String> DISCLOSURE_FIELDS = Set.of("type", "eventId", "force", "disclosureId",
      "disclosedAt", "personId", "recipient", "channel", "purpose", "officerId", "reportId");
  private static final Set<String> CASE_FIELDS = Set.of("type", "eventId", "force", "reportId", "status", "changedAt");
  private static final Set<String> PERSON_FIELDS = Set.of("personId", "role");

  private final Limits limits;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final JsonFactory fastFactory;

  public EventValidator(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    this.mapper = strictMapper(limits.maxEventBytes(), limits.maxStringLength(), limits.maxNestingDepth());
    // The fast path finds repeated names itself (it accepts only the format's flat shape), so the
    // parser's own detector, a hash set per object, is not needed there.
    this.fastFactory = boundedFactory(limits.maxEventBytes(), limits.maxStringLength(), limits.maxNestingDepth(), false);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * A JSON reader bounded like the validator's: for readers of whole HTTP bodies (one level deeper for
   * the enclosing array) and for tests.
   */
  public static ObjectMapper strictMapper(long maxDocumentBytes, int maxStringLength, int maxNestingDepth) {
    return boundedMapper(maxDocumentBytes, maxStringLength, maxNestingDepth, true);
  }

  /**
   * A bounded JSON reader; {@code strictDuplicates} false only for splitting a request body into its
   * items, so that one item's duplicate key is that item's violation, not the whole body's.
   */
  public static ObjectMapper boundedMapper(long maxDocumentBytes, int maxStringLength, int maxNestingDepth,
                                           boolean strictDuplicates) {
    return new ObjectMapper(boundedFactory(maxDocumentBytes, maxStringLength, maxNestingDepth, strictDuplicates))
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static JsonFactory boundedFactory(long maxDocumentBytes, int maxStringLength, int maxNestingDepth,
                                            boolean strictDuplicates) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(maxDocumentBytes)
            .maxStringLength(maxStringLength)
            .maxNameLength(maxStringLength)
            .maxNestingDepth(maxNestingDepth)
            .maxNumberLength(64)
            .build())
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strictDuplicates)
        .build();
  }

  /** Parses and validates one event given as UTF-8 JSON bytes. */
  public ValidationResult validate(byte[] bytes) {
    return validate(bytes, 0, bytes.length);
  }

  /** Parses and validates the event in {@code bytes[offset, offset+length)}. */
  public ValidationResult validate(byte[] bytes, int offset, int length) {
    if (length > limits.maxEventBytes()) {
      return refusedUnparsed(new Violation("$", Rule.TOO_LARGE,
          "the event is larger than the limit of " + limits.maxEventBytes() + " bytes"), length);
    }
    ValidEvent fast = acceptFast(bytes, offset, length);
    return fast != null ? fast : validateFully(bytes, offset, length);
  }

  /** The full path: parses into a tree and reports every violation. Package-private for tests. */
  ValidationResult validateFully(byte[] bytes, int offset, int length) {
    if (length > limits.maxEventBytes()) {
      return refusedUnparsed(new Violation("$", Rule.TOO_LARGE,
          "the event is larger than the limit of " + limits.maxEventBytes() + " bytes"), length);
    }
    JsonNode tree;
    JsonParser parser = null;
    try {
      parser = mapper.createParser(bytes, offset, length);
      tree = mapper.readTree(parser);
    } catch (StreamConstraintsException e) {
      String path = pathOf(parser);
      boolean depth = e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth");
      return refusedUnparsed(depth
          ? new Violation(path, Rule.TOO_DEEP, path + " nests deeper than the limit of " + limits.maxNestingDepth())
          : new Violation(path, Rule.TOO_LARGE, path + " holds a string, name or number longer than allowed"), length);
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate")) {
        String path = pathOf(parser);
        return refusedUnparsed(new Violation(path, Rule.DUPLICATE_KEY, path + " appears twice in one object"), length);
      }
      return refusedUnparsed(malformed(e), length);
    } catch (JsonProcessingException e) {
      return refusedUnparsed(malformed(e), length);
    } catch (IOException e) {
      // Reading from a byte array does no IO; anything here is a parse failure by another name.
      return refusedUnparsed(new Violation("$", Rule.MALFORMED_JSON, "the event is not valid JSON"), length);
    }
    if (tree == null || tree.isMissingNode()) {
      return refusedUnparsed(new Violation("$", Rule.MALFORMED_JSON, "the event is empty"), length);
    }
    return validate(tree, length);
  }

  /** Validates an already parsed event; {@code byteSize} is only recorded. */
  public ValidationResult validate(JsonNode event, int byteSize) {
    Check c = new Check();
    if (!event.isObject()) {
      c.add("$", Rule.TYPE, "$ must be a JSON object");
      return c.refusal(event, null, null, byteSize);
    }
    String eventId = c.id(event, "eventId", true);
    String force = c.force(event);
    String type = c.enumText(event, "type", Set.of("crime_reported", "pnc_query", "disclosure", "case_status"),
        "an event type (crime_reported, pnc_query, disclosure or case_status)");
    Set<String> allowed = switch (type == null ? "" : type) {
      case "crime_reported" -> CRIME_FIELDS;
      case "pnc_query" -> PNC_FIELDS;
      case "disclosure" -> DISCLOSURE_FIELDS;
      case "case_status" -> CASE_FIELDS;
      default -> null;
    };
    if (allowed != null) {
      c.unknownFields(event, "$", allowed);
    }
    ValidEvent valid = type == null ? null : switch (type) {
      case "crime_reported" -> crimeReported(c, event, eventId, force);
      case "pnc_query" -> pncQuery(c, event, eventId, force);
      case "disclosure" -> disclosure(c, event, eventId, force);
      case "case_status" -> caseStatus(c, event, eventId, force);
      default -> null;
    };
    if (c.violations.isEmpty() && valid != null) {
      return valid;
    }
    if (c.violations.isEmpty()) {
      c.add("$", Rule.MALFORMED_JSON, "the event could not be read"); // unreachable by construction
    }
    return c.refusal(event, eventId, force, byteSize);
  }

  // ------------------------------------------------------------------ the fast path for valid events

  // Every field name of the format, with a bit each; per type, the fields it may carry.
  private static final String[] FIELDS = {"type", "eventId", "force", "reportId", "occurredAt", "reportedAt",
      "offence", "persons", "queryId", "queriedAt", "officerId", "personId", "reason", "disclosureId", "disclosedAt",
      "recipient", "channel", "purpose", "status", "changedAt"};
  private static final java.util.Map<String, Integer> FIELD_INDEX = new java.util.HashMap<>();

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      FIELD_INDEX.put(FIELDS[i], i);
    }
  }

  private static final int TYPE = 0;
  private static final int EVENT_ID = 1;
  private static final int FORCE = 2;
  private static final int REPORT_ID = 3;
  private static final int OCCURRED_AT = 4;
  private static final int REPORTED_AT = 5;
  private static final int OFFENCE = 6;
  private static final int PERSONS = 7;
  private static final int QUERY_ID = 8;
  private static final int QUERIED_AT = 9;
  private static final int OFFICER_ID = 10;
  private static final int PERSON_ID = 11;
  private static final int REASON = 12;
  private static final int DISCLOSURE_ID = 13;
  private static final int DISCLOSED_AT = 14;
  private static final int RECIPIENT = 15;
  private static final int CHANNEL = 16;
  private static final int PURPOSE = 17;
  private static final int STATUS = 18;
  private static final int CHANGED_AT = 19;

  private static final int CRIME_MASK = mask(CRIME_FIELDS);
  private static final int PNC_MASK = mask(PNC_FIELDS);
  private static final int DISCLOSURE_MASK = mask(DISCLOSURE_FIELDS);
  private static final int CASE_MASK = mask(CASE_FIELDS);

  private static int mask(Set<String> names) {
    int m = 0;
    for (String n : names) {
      m |= 1 << FIELD_INDEX.get(n);
    }
    return m;
  }

  /**
   * The common case, a valid event, in one streaming pass without building a tree: the typed event, or
   * null whenever anything is unusual (a field or token the format does not have, a value that breaks a
   * rule, a parse error), and then {@link #validate(byte[], int, int)} takes the full path, which is the
   * one that finds and reports every violation. So this path only ever accepts: it applies the same
   * rules with the same functions and the same parser limits (repeated names it refuses itself), and must return
   * exactly what the full path returns for the same bytes (EventValidatorTest checks both on valid
   * events and on fuzzed ones). Package-private for that test.
   *
   * <p>Only all-ASCII input takes this path: Jackson's streaming parser (2.21) reads a field name holding a
   * byte that is not UTF-8 (a stray 0xFF inside {@code eventId}) as the name it interrupts once that name is in
   * its symbol table, so such an event would be accepted here. The full path refuses those bytes, and decides
   * the rare valid event with other unicode in a value.
   */
  ValidEvent acceptFast(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] < 0) {
        return null;
      }
    }
    try (JsonParser p = fastFactory.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String[] v = new String[FIELDS.length];
      int present = 0;
      List<ValidEvent.Person> persons = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer index = FIELD_INDEX.get(p.currentName());
        if (index == null || (present & (1 << index)) != 0) {
          return null;
        }
        present |= 1 << index;
        JsonToken value = p.nextToken();
        if (index == PERSONS) {
          persons = persons(p, value);
          if (persons == null) {
            return null;
          }
        } else if (value == JsonToken.VALUE_STRING) {
          v[index] = p.getText();
        } else if (value != JsonToken.VALUE_NULL) {
          return null;
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      String eventId = v[EVENT_ID];
      String force = v[FORCE];
      String type = v[TYPE];
      if (eventId == null || !printableAscii(eventId, false) || !ForceId.isKnown(force) || type == null) {
        return null;
      }
      Instant latest = clock.instant().plus(limits.futureSkew()); // one reading of the clock per event
      return switch (type) {
        case "crime_reported" -> (present & ~CRIME_MASK) != 0 || persons == null ? null : fastCrime(v, persons, latest);
        case "pnc_query" -> (present & ~PNC_MASK) != 0 ? null : fastPnc(v, latest);
        case "disclosure" -> (present & ~DISCLOSURE_MASK) != 0 ? null : fastDisclosure(v, latest);
        case "case_status" -> (present & ~CASE_MASK) != 0 ? null : fastCase(v, latest);
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      return null; // the full path says why
    }
  }

  /** A non-empty array of {personId, role} objects with valid values, within the limit; else null. */
  private List<ValidEvent.Person> persons(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_ARRAY) {
      return null;
    }
    List<ValidEvent.Person> persons = new ArrayList<>(4);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      String personId = null;
      String role = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          return null;
        }
        if (personId == null && name.equals("personId")) {
          personId = p.getText();
        } else if (role == null && name.equals("role")) {
          role = p.getText();
        } else {
          return null;
        }
      }
      Role r = enumOrNull(Role::valueOf, role);
      if (t != JsonToken.END_OBJECT || !validPersonId(personId) || r == null
          || persons.size() == limits.maxPersons()) {
        return null;
      }
      persons.add(new ValidEvent.Person(personId, r));
    }
    return t == JsonToken.END_ARRAY && !persons.isEmpty() ? persons : null;
  }

  private ValidEvent fastCrime(String[] v, List<ValidEvent.Person> persons, Instant latest) {
    Instant occurredAt = instantOrNull(v[OCCURRED_AT], latest);
    Instant reportedAt = instantOrNull(v[REPORTED_AT], latest);
    Offence offence = enumOrNull(Offence::valueOf, v[OFFENCE]);
    if (!requiredId(v[REPORT_ID]) || occurredAt == null || reportedAt == null || offence == null
        || occurredAt.isAfter(reportedAt)) {
      return null;
    }
    return new ValidEvent.CrimeReported(v[EVENT_ID], v[FORCE], v[REPORT_ID], occurredAt, reportedAt, offence, persons);
  }

  private ValidEvent fastPnc(String[] v, Instant latest) {
    Instant queriedAt = instantOrNull(v[QUERIED_AT], latest);
    PncReason reason = enumOrNull(PncReason::valueOf, v[REASON]);
    if (!optionalId(v[QUERY_ID]) || queriedAt == null || !optionalId(v[OFFICER_ID]) || !validPersonId(v[PERSON_ID])
        || reason == null || !optionalId(v[REPORT_ID])) {
      return null;
    }
    return new ValidEvent.PncQuery(v[EVENT_ID], v[FORCE], v[QUERY_ID], queriedAt, v[OFFICER_ID], v[PERSON_ID], reason,
        v[REPORT_ID]);
  }

  private ValidEvent fastDisclosure(String[] v, Instant latest) {
    Instant disclosedAt = instantOrNull(v[DISCLOSED_AT], latest);
    Recipient recipient = enumOrNull(Recipient::valueOf, v[RECIPIENT]);
    Channel channel = enumOrNull(Channel::valueOf, v[CHANNEL]);
    Purpose purpose = enumOrNull(Purpose::valueOf, v[PURPOSE]);
    if (!optionalId(v[DISCLOSURE_ID]) || disclosedAt == null || !validPersonId(v[PERSON_ID]) || recipient == null
        || channel == null || purpose == null || !optionalId(v[OFFICER_ID]) || !optionalId(v[REPORT_ID])) {
      return null;
    }
    return new ValidEvent.Disclosure(v[EVENT_ID], v[FORCE], v[DISCLOSURE_ID], disclosedAt, v[PERSON_ID], recipient,
        channel, purpose, v[OFFICER_ID], v[REPORT_ID]);
  }

  private ValidEvent fastCase(String[] v, Instant latest) {
    CaseStatusValue status = enumOrNull(CaseStatusValue::valueOf, v[STATUS]);
    Instant changedAt = instantOrNull(v[CHANGED_AT], latest);
    if (!requiredId(v[REPORT_ID]) || status == null || changedAt == null) {
      return null;
    }
    return new ValidEvent.CaseStatus(v[EVENT_ID], v[FORCE], v[REPORT_ID], status, changedAt);
  }

  // The same rules as Check's, as predicates: for the fast path a broken rule only means "take the full path".
  private static boolean requiredId(String s) {
    return s != null && printableAscii(s, false);
  }

  private static boolean optionalId(String s) {
    return s == null || printableAscii(s, false);
  }

  private static boolean validPersonId(String s) {
    return s != null && printableAscii(s, true) && !s.isBlank();
  }

  private static Instant instantOrNull(String s, Instant latest) {
    Instant t = s == null ? null : parseUtcInstant(s);
    return t == null || t.isBefore(EARLIEST) || t.isAfter(latest) ? null : t;
  }

  private static <E extends Enum<E>> E enumOrNull(Function<String, E> valueOf, String s) {
    if (s == null) {
      return null;
    }
    try {
      return valueOf.apply(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ the full path

  private ValidEvent crimeReported(Check c, JsonNode e, String eventId, String force) {
    String reportId = c.id(e, "reportId", true);
    Instant occurredAt = c.instant(e, "occurredAt");
    Instant reportedAt = c.instant(e, "reportedAt");
    Offence offence = c.enumValue(e, "offence", Offence::valueOf, "an offence of the format");
    if (occurredAt != null && reportedAt != null && occurredAt.isAfter(reportedAt)) {
      c.add("$.occurredAt", Rule.TIME_ORDER, "$.occurredAt lies after $.reportedAt");
    }
    List<ValidEvent.Person> persons = new ArrayList<>();
    JsonNode list = e.get("persons");
    if (list == null || list.isNull()) {
      c.add("$.persons", Rule.REQUIRED, "$.persons is required");
    } else if (!list.isArray()) {
      c.add("$.persons", Rule.TYPE, "$.persons must be an array");
    } else if (list.isEmpty()) {
      c.add("$.persons", Rule.MIN_ITEMS, "$.persons must name at least one person");
    } else if (list.size() > limits.maxPersons()) {
      c.add("$.persons", Rule.MAX_ITEMS, "$.persons names more than " + limits.maxPersons() + " persons");
    } else {
      for (int i = 0; i < list.size(); i++) {
        String at = "$.persons[" + i + "]";
        JsonNode p = list.get(i);
        if (!p.isObject()) {
          c.add(at, Rule.TYPE, at + " must be an object");
          continue;
        }
        c.unknownFields(p, at, PERSON_FIELDS);
        String personId = c.personId(p, at);
        Role role = c.enumValueAt(p, at, "role", Role::valueOf, "a role (VICTIM, WITNESS, SUSPECT, OFFENDER or REPORTING_PERSON)");
        if (personId != null && role != null) {
          persons.add(new ValidEvent.Person(personId, role));
        }
      }
    }
    if (!c.violations.isEmpty()) {
      return null;
    }
    return new ValidEvent.CrimeReported(eventId, force, reportId, occurredAt, reportedAt, offence, persons);
  }

  private ValidEvent pncQuery(Check c, JsonNode e, String eventId, String force) {
    String queryId = c.id(e, "queryId", false);
    Instant queriedAt = c.instant(e, "queriedAt");
    String officerId = c.id(e, "officerId", false);
    String personId = c.personId(e, "$");
    PncReason reason = c.enumValue(e, "reason", PncReason::valueOf, "a PNC query reason of the format");
    String reportId = c.id(e, "reportId", false);
    if (!c.violations.isEmpty()) {
      return null;
    }
    return new ValidEvent.PncQuery(eventId, force, queryId, queriedAt, officerId, personId, reason, reportId);
  }

  private ValidEvent disclosure(Check c, JsonNode e, String eventId, String force) {
    String disclosureId = c.id(e, "disclosureId", false);
    Instant disclosedAt = c.instant(e, "disclosedAt");
    String personId = c.personId(e, "$");
    Recipient recipient = c.enumValue(e, "recipient", Recipient::valueOf, "a recipient of the format");
    Channel channel = c.enumValue(e, "channel", Channel::valueOf, "a channel of the format");
    Purpose purpose = c.enumValue(e, "purpose", Purpose::valueOf, "a purpose of the format");
    String officerId = c.id(e, "officerId", false);
    String reportId = c.id(e, "reportId", false);
    if (!c.violations.isEmpty()) {
      return null;
    }
    return new ValidEvent.Disclosure(eventId, force, disclosureId, disclosedAt, personId, recipient, channel, purpose,
        officerId, reportId);
  }

  private ValidEvent caseStatus(Check c, JsonNode e, String eventId, String force) {
    String reportId = c.id(e, "reportId", true);
    CaseStatusValue status = c.enumValue(e, "status", CaseStatusValue::valueOf, "a case status of the format");
    Instant changedAt = c.instant(e, "changedAt");
    if (!c.violations.isEmpty()) {
      return null;
    }
    return new ValidEvent.CaseStatus(eventId, force, reportId, status, changedAt);
  }

  /** Collects violations for one event. */
  private final class Check {
    final List<Violation> violations = new ArrayList<>();
    final Set<String> paths = new HashSet<>();

    void add(String path, Rule rule, String message) {
      paths.add(path);
      if (violations.size() < MAX_VIOLATIONS) {
        violations.add(new Violation(path, rule, message));
      }
    }

    Violations refusal(JsonNode parsed, String eventId, String force, int byteSize) {
      return new Violations(violations, parsed, eventId, force, byteSize, paths);
    }

    /** The text of a field that must be a string, or null (after recording why) when absent or wrong. */
    // Paths are built only for a violation: on the hot path (a valid event) they would be garbage.
    String text(JsonNode obj, String at, String name, boolean required) {
      JsonNode v = obj.get(name);
      if (v == null || v.isNull()) {
        if (required) {
          String path = at + "." + name;
          add(path, Rule.REQUIRED, path + " is required");
        }
        return null;
      }
      if (!v.isTextual()) {
        String path = at + "." + name;
        add(path, Rule.TYPE, path + " must be a string");
        return null;
      }
      return v.textValue();
    }

    String id(JsonNode e, String name, boolean required) {
      String v = text(e, "$", name, required);
      if (v != null && !printableAscii(v, false)) {
        add("$." + name, Rule.PATTERN, "$." + name + " must be 1 to 128 printable ASCII characters without spaces");
        return null;
      }
      return v;
    }

    String personId(JsonNode obj, String at) {
      String v = text(obj, at, "personId", true);
      if (v != null && (!printableAscii(v, true) || v.isBlank())) {
        add(at + ".personId", Rule.PATTERN, at + ".personId must be 1 to 128 printable ASCII characters");
        return null;
      }
      return v;
    }

    String force(JsonNode e) {
      String v = text(e, "$", "force", true);
      if (v != null && !ForceId.isKnown(v)) {
        add("$.force", Rule.ENUM, "$.force is not a force of England and Wales (a data.police.uk slug, or btp)");
        return null;
      }
      return v;
    }

    String enumText(JsonNode e, String name, Set<String> allowed, String what) {
      String v = text(e, "$", name, true);
      if (v != null && !allowed.contains(v)) {
        add("$." + name, Rule.ENUM, "$." + name + " is not " + what);
        return null;
      }
      return v;
    }

    <E extends Enum<E>> E enumValue(JsonNode e, String name, Function<String, E> valueOf, String what) {
      return enumValueAt(e, "$", name, valueOf, what);
    }

    <E extends Enum<E>> E enumValueAt(JsonNode obj, String at, String name, Function<String, E> valueOf, String what) {
      String v = text(obj, at, name, true);
      if (v == null) {
        return null;
      }
      try {
        return valueOf.apply(v);
      } catch (IllegalArgumentException ex) {
        add(at + "." + name, Rule.ENUM, at + "." + name + " is not " + what);
        return null;
      }
    }

    Instant instant(JsonNode e, String name) {
      String v = text(e, "$", name, true);
      if (v == null) {
        return null;
      }
      Instant t = parseUtcInstant(v);
      Rule broken = t == null ? Rule.INSTANT
          : t.isBefore(EARLIEST) ? Rule.RANGE
          : t.isAfter(clock.instant().plus(limits.futureSkew())) ? Rule.FUTURE_SKEW
          : null;
      if (broken == null) {
        return t;
      }
      String path = "$." + name;
      add(path, broken, switch (broken) {
        case INSTANT -> path + " must be an ISO-8601 UTC instant such as 2026-05-01T09:00:00Z";
        case RANGE -> path + " lies before 1900";
        default -> path + " lies more than " + limits.futureSkew().toSeconds() + " s in the future";
      });
      return null;
    }

    void unknownFields(JsonNode obj, String at, Set<String> allowed) {
      Iterator<String> names = obj.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          if (PLAIN_NAME.matcher(name).matches()) {
            add(at + "." + name, Rule.UNKNOWN_FIELD, at + "." + name + " is not a field of this event type");
          } else {
            add(at + ".?", Rule.UNKNOWN_FIELD, at + " has a field that is not part of the format (its name is "
                + "withheld: not a plain field name)");
          }
        }
      }
    }
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} strictly (real calendar dates, hours 0-23, no leap
   * second, UTC only), or returns null. Hand-written because {@link Instant#parse} costs several times
   * the rest of validation and accepts forms the format does not (offsets, other year widths).
   */
  static Instant parseUtcInstant(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n == 21) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal value of s[from, to), or -1 if any character is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static boolean printableAscii(String s, boolean spaceAllowed) {
    int n = s.length();
    if (n == 0 || n > MAX_ID_LENGTH) {
      return false;
    }
    char low = spaceAllowed ? ' ' : '!';
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch < low || ch > '~') {
        return false;
      }
    }
    return true;
  }

  private static Violations refusedUnparsed(Violation v, int byteSize) {
    return new Violations(List.of(v), null, null, null, byteSize, Set.of(v.path()));
  }

  private static Violation malformed(JsonProcessingException e) {
    var loc = e.getLocation();
    String where = loc == null ? "" : " (near byte " + Math.max(0, loc.getByteOffset()) + ")";
    return new Violation("$", Rule.MALFORMED_JSON, "the event is not valid JSON" + where);
  }

  /**
   * The JSON path where a parser stopped, e.g. {@code $.persons[1].role}. Names that are not plain
   * letters are shown as {@code ?}: a field name can carry data as well as a value.
   */
  static String pathOf(JsonParser parser) {
    if (parser == null) {
      return "$";
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
      if (ctx.inArray()) {
        parts.add("[" + Math.max(0, ctx.getCurrentIndex()) + "]");
      } else if (ctx.inObject()) {
        String name = ctx.getCurrentName();
        if (name != null) {
          parts.add(PLAIN_NAME.matcher(name).matches() ? "." + name : ".?");
        }
      }
    }
    StringBuilder sb = new StringBuilder("$");
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.toString();
  }
}
