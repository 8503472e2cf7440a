package org.safehaven.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Valid events of each type in the interchange format, and a fixed clock after all of them. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final String VICTIM_ID = "PNC-1999/0123456A";
  public static final String SUSPECT_ID = "KENT-P-77";

  public static String crime(String eventId) {
    return "{\"type\":\"crime_reported\",\"eventId\":\"" + eventId + "\",\"force\":\"kent\","
        + "\"reportId\":\"KENT-2026-000123\",\"occurredAt\":\"2026-05-01T09:00:00Z\","
        + "\"reportedAt\":\"2026-05-01T12:00:00Z\",\"offence\":\"DOMESTIC_ABUSE\",\"persons\":["
        + "{\"personId\":\"" + VICTIM_ID + "\",\"role\":\"VICTIM\"},"
        + "{\"personId\":\"" + SUSPECT_ID + "\",\"role\":\"SUSPECT\"}]}";
  }

  public static String pnc(String eventId) {
    return "{\"type\":\"pnc_query\",\"eventId\":\"" + eventId + "\",\"force\":\"kent\",\"queryId\":\"Q-9\","
        + "\"queriedAt\":\"2026-05-01T13:10:00Z\",\"officerId\":\"KENT-O-5531\",\"personId\":\"" + VICTIM_ID + "\","
        + "\"reason\":\"IMMIGRATION_STATUS\",\"reportId\":\"KENT-2026-000123\"}";
  }

  public static String disclosure(String eventId) {
    return "{\"type\":\"disclosure\",\"eventId\":\"" + eventId + "\",\"force\":\"kent\",\"disclosureId\":\"D-4\","
        + "\"disclosedAt\":\"2026-06-20T10:00:00Z\",\"personId\":\"" + VICTIM_ID + "\","
        + "\"recipient\":\"IMMIGRATION_ENFORCEMENT\",\"channel\":\"NCCU_PHONE\","
        + "\"purpose\":\"IMMIGRATION_STATUS_CHECK\",\"officerId\":\"KENT-O-5531\",\"reportId\":\"KENT-2026-000123\"}";
  }

  public static String caseStatus(String eventId) {
    return "{\"type\":\"case_status\",\"eventId\":\"" + eventId + "\",\"force\":\"kent\","
        + "\"reportId\":\"KENT-2026-000123\",\"status\":\"CLOSED\",\"changedAt\":\"2026-06-10T16:00:00Z\"}";
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Fixtures() {}
}
