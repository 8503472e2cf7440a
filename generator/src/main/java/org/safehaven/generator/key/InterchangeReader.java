package org.safehaven.generator.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * Reads one interchange-format line into a {@link KeyEvent}: the answer key is computed from the text that
 * was written, not from the generator's objects. It expects valid events (it is not the platform's
 * validator) and throws {@link IllegalArgumentException}, without echoing values, for anything else.
 */
public final class InterchangeReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InterchangeReader() {
  }

  public static KeyEvent read(byte[] line) {
    try {
      return read(JSON.readTree(line));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON event");
    }
  }

  public static KeyEvent read(String line) {
    try {
      return read(JSON.readTree(line));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON event");
    }
  }

  public static KeyEvent read(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String type = text(n, "type");
    String eventId = text(n, "eventId");
    String force = text(n, "force");
    return switch (type) {
      case "crime_reported" -> {
        List<KeyEvent.Person> persons = new ArrayList<>();
        JsonNode ps = n.get("persons");
        if (ps == null || !ps.isArray()) {
          throw new IllegalArgumentException("crime_reported without persons");
        }
        for (JsonNode p : ps) {
          persons.add(new KeyEvent.Person(text(p, "personId"), symbol(Role.class, text(p, "role"), "role")));
        }
        yield new KeyEvent.Report(eventId, force, text(n, "reportId"), instant(n, "reportedAt"),
            symbol(Offence.class, text(n, "offence"), "offence"), persons);
      }
      case "case_status" -> new KeyEvent.StatusChange(eventId, force, text(n, "reportId"),
          symbol(CaseStatusValue.class, text(n, "status"), "status"), instant(n, "changedAt"));
      case "pnc_query" -> new KeyEvent.Check(eventId, force, instant(n, "queriedAt"), text(n, "personId"),
          symbol(PncReason.class, text(n, "reason"), "reason"));
      case "disclosure" -> new KeyEvent.Disclosed(eventId, force, instant(n, "disclosedAt"), text(n, "personId"),
          symbol(Recipient.class, text(n, "recipient"), "recipient"), symbol(Channel.class, text(n, "channel"), "channel"));
      default -> throw new IllegalArgumentException("unknown event type");
    };
  }

  /** An enumeration symbol; the message names the field, never the value. */
  private static <E extends Enum<E>> E symbol(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field " + field + " is not a known symbol");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing or non-text field " + field);
    }
    return v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    try {
      return Instant.parse(text(n, field));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("field " + field + " is not an ISO-8601 instant");
    }
  }
}
