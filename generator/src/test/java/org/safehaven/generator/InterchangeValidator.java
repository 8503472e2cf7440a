package org.safehaven.generator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.safehaven.core.id.ForceId;

/**
 * An independent reading of the specification's interchange format, for tests: says whether a line is a valid event
 * and, if not, which of the generator's bad-line kinds it falls under. Written from docs/specification.md, not from the
 * generator's code.
 */
final class InterchangeValidator {

  static final int MAX_LINE = 1 << 20;
  static final int MAX_STRING = 64 * 1024;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(4 << 20).build());
  }

  private static final Set<String> ROLES = Set.of("VICTIM", "WITNESS", "SUSPECT", "OFFENDER", "REPORTING_PERSON");
  private static final Set<String> OFFENCES = Set.of("DOMESTIC_ABUSE", "SEXUAL_OFFENCE", "MODERN_SLAVERY",
      "VIOLENCE_WITH_INJURY", "VIOLENCE_WITHOUT_INJURY", "ROBBERY", "THEFT", "BURGLARY", "CRIMINAL_DAMAGE",
      "PUBLIC_ORDER", "HATE_CRIME", "FRAUD", "DRUGS", "TRAFFIC", "OTHER");
  private static final Set<String> REASONS = Set.of("CRIME_INVESTIGATION", "INTELLIGENCE", "STOP", "TRAFFIC",
      "ARREST", "CUSTODY", "WARRANT_CHECK", "SAFEGUARDING", "IMMIGRATION_STATUS", "ADMIN");
  private static final Set<String> RECIPIENTS = Set.of("IMMIGRATION_ENFORCEMENT", "BORDER_FORCE",
      "UK_VISAS_AND_IMMIGRATION", "SOCIAL_SERVICES", "HEALTH", "CPS", "OTHER_FORCE", "OTHER");
  private static final Set<String> CHANNELS = Set.of("NCCU_PHONE", "NCCU_EMAIL", "OPERATION_NEXUS_CUSTODY",
      "EMBEDDED_IE_OFFICER", "PNC_MARKER", "LETTER", "OTHER");
  private static final Set<String> PURPOSES = Set.of("IMMIGRATION_STATUS_CHECK", "IMMIGRATION_ENFORCEMENT",
      "SAFEGUARDING", "CRIME_INVESTIGATION", "OTHER");
  private static final Set<String> STATUSES = Set.of("OPEN", "UNDER_INVESTIGATION", "CHARGED", "NO_FURTHER_ACTION",
      "CLOSED");

  /** Required and optional fields per type (beyond type, eventId, force). */
  private static final Map<String, List<Set<String>>> FIELDS = Map.of(
      "crime_reported", List.of(Set.of("reportId", "occurredAt", "reportedAt", "offence", "persons"), Set.of()),
      "pnc_query", List.of(Set.of("queriedAt", "personId", "reason"), Set.of("queryId", "officerId", "reportId")),
      "disclosure", List.of(Set.of("disclosedAt", "personId", "recipient", "channel", "purpose"),
          Set.of("disclosureId", "officerId", "reportId")),
      "case_status", List.of(Set.of("reportId", "status", "changedAt"), Set.of()));

  private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  /** Realistic source identifiers: a PNC number or a force-local id, optionally with a run tag. */
  static final Pattern PERSON_ID = Pattern.compile(
      "(PNC-(19|20)\\d{2}/\\d{7}[A-Z]|[A-Z]{2,9}-P-\\d+)(-[A-Z0-9]{1,13})?");

  private InterchangeValidator() {
  }

  /** Null when the line is a valid event whose times are no later than {@code notAfter}; else the problem. */
  static String problem(String line, Instant notAfter) {
    if (line.length() > MAX_LINE) {
      return "huge-string";
    }
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (Exception e) {
      return "malformed-json";
    }
    if (n == null || !n.isObject()) {
      return "malformed-json";
    }
    if (longString(n)) {
      return "huge-string";
    }
    for (String f : List.of("type", "eventId", "force")) {
      if (!n.hasNonNull(f)) {
        return "missing-field";
      }
    }
    String type = n.get("type").asText();
    List<Set<String>> fields = FIELDS.get(type);
    if (fields == null) {
      return "bad-enum";
    }
    for (String f : fields.get(0)) {
      if (!n.hasNonNull(f)) {
        return "missing-field";
      }
    }
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!f.equals("type") && !f.equals("eventId") && !f.equals("force") && !fields.get(0).contains(f)
          && !fields.get(1).contains(f)) {
        return "unknown-field";
      }
    }
    if (!EVENT_ID.matcher(n.get("eventId").asText()).matches()) {
      return "bad-event-id";
    }
    if (!ForceId.isKnown(n.get("force").asText())) {
      return "unknown-force";
    }
    switch (type) {
      case "crime_reported" -> {
        if (!OFFENCES.contains(n.get("offence").asText())) {
          return "bad-enum";
        }
        JsonNode persons = n.get("persons");
        if (!persons.isArray()) {
          return "malformed-json";
        }
        if (persons.isEmpty()) {
          return "no-persons";
        }
        for (JsonNode p : persons) {
          if (!p.hasNonNull("personId") || !p.hasNonNull("role")) {
            return "missing-field";
          }
          if (!ROLES.contains(p.get("role").asText())) {
            return "bad-enum";
          }
          if (!PERSON_ID.matcher(p.get("personId").asText()).matches()) {
            return "bad-person-id";
          }
        }
        Instant occurred = instant(n, "occurredAt");
        Instant reported = instant(n, "reportedAt");
        if (occurred == null || reported == null) {
          return "bad-instant";
        }
        if (occurred.isAfter(reported)) {
          return "occurred-after-reported";
        }
        return reported.isAfter(notAfter) ? "far-future" : null;
      }
      case "pnc_query", "disclosure" -> {
        boolean pnc = type.equals("pnc_query");
        if (pnc && !REASONS.contains(n.get("reason").asText())) {
          return "bad-enum";
        }
        if (!pnc && (!RECIPIENTS.contains(n.get("recipient").asText()) || !CHANNELS.contains(n.get("channel").asText())
            || !PURPOSES.contains(n.get("purpose").asText()))) {
          return "bad-enum";
        }
        if (!PERSON_ID.matcher(n.get("personId").asText()).matches()) {
          return "bad-person-id";
        }
        Instant t = instant(n, pnc ? "queriedAt" : "disclosedAt");
        if (t == null) {
          return "bad-instant";
        }
        return t.isAfter(notAfter) ? "far-future" : null;
      }
      default -> {
        if (!STATUSES.contains(n.get("status").asText())) {
          return "bad-enum";
        }
        Instant t = instant(n, "changedAt");
        if (t == null) {
          return "bad-instant";
        }
        return t.isAfter(notAfter) ? "far-future" : null;
      }
    }
  }

  private static boolean longString(JsonNode n) {
    if (n.isTextual()) {
      return n.asText().length() > MAX_STRING;
    }
    for (JsonNode c : n) {
      if (longString(c)) {
        return true;
      }
    }
    return false;
  }

  private static Instant instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || !INSTANT.matcher(v.asText()).matches()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
