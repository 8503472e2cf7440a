package org.safehaven.generator.world;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Mints every identifier of a generated world, reproducibly: the same seed and parameters give the same
 * identifiers in the same order.
 *
 * <p>Shapes follow real source systems: persons as a PNC number ({@code PNC-1987/0004321M}, year, serial
 * and the PNC check letter) or a force-local id ({@code KENT-P-77}); reports {@code KENT-2025-000123};
 * officers {@code KENT-O-5531}; queries {@code Q-12}; disclosures {@code D-4}; events
 * {@code ev-000000001}. They are synthetic. Unless the run tag is empty, every identifier except the
 * officers' ends with {@code -TAG}, so that two generated worlds loaded into one platform never share a
 * person, report or event by accident (the tag is derived from the seed and the world's parameters, so the
 * same file generated twice is a pure replay).
 */
public final class Ids {

  private static final String PNC_CHECK = "ZABCDEFGHJKLMNPQRTUVWXY";

  private final String suffix;
  private long persons;
  private long queries;
  private long disclosures;
  private long events;
  private long badEvents;
  private final byte[] eventChars;
  private final Map<Long, Integer> reportSeq = new HashMap<>();

  public Ids(String tag) {
    this.suffix = tag == null || tag.isEmpty() ? "" : "-" + tag;
    this.eventChars = ("ev-000000000" + suffix).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A person with a PNC record (suspects, offenders, people stopped; victims who have one). */
  public String pncPerson() {
    long n = persons++;
    int year = 1970 + (int) (n % 50);
    // An affine bijection of [0, 10^7): serials look scattered but never repeat within 500 million persons.
    long serial = (3_987_581L * ((n / 50) % 10_000_000L) + 1_234_567L) % 10_000_000L;
    char check = PNC_CHECK.charAt((int) (((year % 100) * 10_000_000L + serial) % 23));
    StringBuilder sb = new StringBuilder(28).append("PNC-").append(year).append('/');
    pad(sb, serial, 7).append(check);
    return sb.append(suffix).toString();
  }

  /** A person known only to one force's records system. */
  public String localPerson(Forces.Force f) {
    long n = persons++;
    return new StringBuilder(24).append(f.prefix()).append("-P-").append(n + 1).append(suffix).toString();
  }

  public String report(Forces.Force f, int year) {
    return reportId(f, year, nextReportSeq(f, year));
  }

  /** The next sequence number of a force's reports in a year (1, 2, ...). */
  public int nextReportSeq(Forces.Force f, int year) {
    return reportSeq.merge((long) f.index() << 32 | year, 1, Integer::sum);
  }

  /** The reportId with this force, year and sequence number. */
  public String reportId(Forces.Force f, int year, int seq) {
    StringBuilder sb = new StringBuilder(28).append(f.prefix()).append('-').append(year).append('-');
    return pad(sb, seq, 6).append(suffix).toString();
  }

  public String officer(Forces.Force f, int n) {
    return f.prefix() + "-O-" + n;
  }

  public String query() {
    return "Q-" + (++queries) + suffix;
  }

  public String disclosure() {
    return "D-" + (++disclosures) + suffix;
  }

  /** The next eventId of a valid event: zero-padded so that string order is creation order. */
  public String event() {
    // A decimal odometer in place: this runs 60 million times a year.
    if (++events >= 1_000_000_000L) {
      StringBuilder sb = new StringBuilder(24).append("ev-");
      return sb.append(events).append(suffix).toString();
    }
    for (int i = 11; ; i--) {
      if (eventChars[i] != '9') {
        eventChars[i]++;
        break;
      }
      eventChars[i] = '0';
    }
    return new String(eventChars, 0, eventChars.length, StandardCharsets.ISO_8859_1);
  }

  /** EventIds of bad lines come from their own series, so that bad lines never shift valid events' ids. */
  public String badEvent() {
    StringBuilder sb = new StringBuilder(24).append("ev-x");
    return pad(sb, ++badEvents, 8).append(suffix).toString();
  }

  private static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  /** A 5-character run tag from a hash: letters and digits that cannot be misread (no I, O, 0, 1). */
  public static String tagOf(long hash) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder sb = new StringBuilder(5);
    long h = Rng.mix(hash);
    for (int i = 0; i < 5; i++) {
      sb.append(alphabet.charAt((int) (h & 31)));
      h >>>= 5;
    }
    return sb.toString();
  }
}
