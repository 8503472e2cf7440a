package org.safehaven.generator.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.safehaven.generator.world.Forces;
import org.safehaven.generator.world.Ids;
import org.safehaven.generator.world.Rng;

/**
 * Deliberately invalid lines, for testing that bad input is rejected with a reason and nothing is lost.
 * Each kind breaks exactly one rule of the specification's interchange format (or ingest's size limit) on an
 * otherwise realistic event, with realistic person identifiers, so that dead letters can be checked for
 * leaks. Bad lines use their own identifier series (eventIds {@code ev-x...}, persons with the suffix
 * {@code X}) and never name a person or report of the valid stream: they are not in the answer key.
 *
 * <p>Kinds come in rotation so that even a small file has each of them: the first nine bad lines are one
 * of each, and after that a huge line (over 1 MiB, larger than any event ingest should accept and than
 * Kafka's default message size) is every 200th, so that large runs do not balloon.
 */
public final class BadLines {

  /** The ways a line can be bad; {@link #label} is what the summary counts by. */
  public enum Kind {
    MALFORMED_JSON("malformed-json"),
    UNKNOWN_FORCE("unknown-force"),
    BAD_ENUM("bad-enum"),
    MISSING_FIELD("missing-field"),
    BAD_INSTANT("bad-instant"),
    OCCURRED_AFTER_REPORTED("occurred-after-reported"),
    NO_PERSONS("no-persons"),
    FAR_FUTURE("far-future"),
    HUGE_STRING("huge-string");

    public final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** Length of the huge string: over 1 MiB. */
  public static final int HUGE_LENGTH = 1_100_000;
  /** How far "far in the future" is: a century. */
  public static final long FAR_FUTURE_SECONDS = 36_525L * 86_400;

  private static final Kind[] ROTATION = {
      Kind.MALFORMED_JSON, Kind.UNKNOWN_FORCE, Kind.BAD_ENUM, Kind.MISSING_FIELD, Kind.BAD_INSTANT,
      Kind.OCCURRED_AFTER_REPORTED, Kind.NO_PERSONS, Kind.FAR_FUTURE};
  private static final String[] TYPES = {"crime_reported", "pnc_query", "disclosure", "case_status"};
  private static final String[] FOREIGN_FORCES = {"police-scotland", "psni", "kent-police", "Kent", "gotham"};
  private static final String[] BAD_INSTANTS = {
      "2025-02-30T10:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01 10:00:00", "yesterday", "01/02/2025 10:00"};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String huge;

  private final Ids ids;
  private final Ids badIds;
  private final SplittableRandom r;
  private final IsoTime iso = new IsoTime();
  private long count;

  /**
   * @param ids  the world's identifiers (only its separate bad-event series is used)
   * @param tag  the run tag, so that bad lines' persons and reports are distinct from every valid one
   */
  public BadLines(Ids ids, String tag, long seed) {
    this.ids = ids;
    this.badIds = new Ids((tag == null ? "" : tag) + "X");
    this.r = Rng.derive(seed, "bad-lines");
  }

  /** The kind the next bad line will be. */
  public Kind nextKind() {
    return count % 200 == 8 ? Kind.HUGE_STRING : ROTATION[(int) (count % ROTATION.length)];
  }

  /** The next bad line, about the time {@code t} (epoch seconds). */
  public String next(long t) {
    Kind kind = nextKind();
    count++;
    String type = switch (kind) {
      case OCCURRED_AFTER_REPORTED, NO_PERSONS -> TYPES[0];
      default -> TYPES[r.nextInt(TYPES.length)];
    };
    Forces.Force force = Forces.ALL.get(r.nextInt(Forces.ALL.size()));
    ObjectNode e = template(type, force, t);
    switch (kind) {
      case MALFORMED_JSON -> {
        return malformed(write(e));
      }
      case UNKNOWN_FORCE -> e.put("force", FOREIGN_FORCES[r.nextInt(FOREIGN_FORCES.length)]);
      case BAD_ENUM -> badEnum(type, e);
      case MISSING_FIELD -> missing(type, e);
      case BAD_INSTANT -> e.put(timeField(type), BAD_INSTANTS[r.nextInt(BAD_INSTANTS.length)]);
      case OCCURRED_AFTER_REPORTED -> e.put("occurredAt", iso.toString(t + Rng.between(r, 3600, 5 * 86_400)));
      case NO_PERSONS -> e.putArray("persons");
      case FAR_FUTURE -> {
        e.put(timeField(type), iso.toString(t + FAR_FUTURE_SECONDS));
        if (type.equals("crime_reported")) {
          e.put("occurredAt", iso.toString(t + FAR_FUTURE_SECONDS - 3600));
        }
      }
      case HUGE_STRING -> e.put(type.equals("crime_reported") || type.equals("case_status") ? "reportId" : "officerId",
          hugeString());
      default -> throw new IllegalStateException();
    }
    return write(e);
  }

  private ObjectNode template(String type, Forces.Force f, long t) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", type);
    e.put("eventId", ids.badEvent());
    e.put("force", f.slug());
    switch (type) {
      case "crime_reported" -> {
        e.put("reportId", badIds.report(f, java.time.LocalDate.ofEpochDay(Math.floorDiv(t, 86_400L)).getYear()));
        e.put("occurredAt", iso.toString(t - 3600));
        e.put("reportedAt", iso.toString(t));
        e.put("offence", "ROBBERY");
        ArrayNode persons = e.putArray("persons");
        persons.addObject().put("personId", badIds.localPerson(f)).put("role", "VICTIM");
        persons.addObject().put("personId", badIds.pncPerson()).put("role", "SUSPECT");
      }
      case "pnc_query" -> {
        e.put("queryId", badIds.query());
        e.put("queriedAt", iso.toString(t));
        e.put("officerId", f.prefix() + "-O-" + (1 + r.nextInt(900)));
        e.put("personId", badIds.pncPerson());
        e.put("reason", "STOP");
      }
      case "disclosure" -> {
        e.put("disclosureId", badIds.disclosure());
        e.put("disclosedAt", iso.toString(t));
        e.put("personId", badIds.localPerson(f));
        e.put("recipient", "SOCIAL_SERVICES");
        e.put("channel", "LETTER");
        e.put("purpose", "SAFEGUARDING");
      }
      case "case_status" -> {
        e.put("reportId", badIds.report(f, 2024));
        e.put("status", "UNDER_INVESTIGATION");
        e.put("changedAt", iso.toString(t));
      }
      default -> throw new IllegalStateException();
    }
    return e;
  }

  private static String timeField(String type) {
    return switch (type) {
      case "crime_reported" -> "reportedAt";
      case "pnc_query" -> "queriedAt";
      case "disclosure" -> "disclosedAt";
      default -> "changedAt";
    };
  }

  private void badEnum(String type, ObjectNode e) {
    switch (type) {
      case "crime_reported" -> {
        if (r.nextBoolean()) {
          e.put("offence", "ARSON");
        } else {
          ((ObjectNode) e.withArray("persons").get(0)).put("role", r.nextBoolean() ? "victim" : "VICTIM_OF_CRIME");
        }
      }
      case "pnc_query" -> e.put("reason", "IMMIGRATION");
      case "disclosure" -> {
        int v = r.nextInt(3);
        if (v == 0) {
          e.put("recipient", "HOME_OFFICE");
        } else if (v == 1) {
          e.put("channel", "FAX");
        } else {
          e.put("purpose", "REMOVAL");
        }
      }
      default -> e.put("status", "PENDING");
    }
  }

  private void missing(String type, ObjectNode e) {
    String[] required = switch (type) {
      case "crime_reported" -> new String[] {"type", "eventId", "force", "reportedAt", "offence", "persons[0].personId"};
      case "pnc_query" -> new String[] {"type", "eventId", "force", "queriedAt", "personId", "reason"};
      case "disclosure" -> new String[] {"eventId", "force", "disclosedAt", "personId", "recipient", "channel", "purpose"};
      default -> new String[] {"eventId", "force", "reportId", "status", "changedAt"};
    };
    String field = required[r.nextInt(required.length)];
    if (field.equals("persons[0].personId")) {
      ((ObjectNode) e.withArray("persons").get(0)).remove("personId");
    } else {
      e.remove(field);
    }
  }

  private String malformed(String json) {
    return switch (r.nextInt(3)) {
      case 0 -> json.substring(0, (int) Rng.between(r, 10, json.length() - 2));
      case 1 -> json.replace('"', '\'');
      default -> json.replaceAll("\"([A-Za-z]+)\":", "$1:");
    };
  }

  private static synchronized String hugeString() {
    if (huge == null) {
      huge = "A".repeat(HUGE_LENGTH);
    }
    return huge;
  }

  private static String write(ObjectNode e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
