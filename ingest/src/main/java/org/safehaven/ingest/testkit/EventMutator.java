package org.safehaven.ingest.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random damage to valid events, for fuzzing every entry of ingest: truncation, wrong types, huge
 * strings, odd unicode (control characters, lone surrogates, invalid UTF-8 bytes, emoji, BOMs), deep
 * nesting, duplicate keys, unknown fields, bad enumerations and times, byte flips, exact repeats (which
 * must come out as duplicates) and events left intact. Reproducible from its seed.
 */
public final class EventMutator {

  private final SplittableRandom random;
  private final SampleEvents events;
  private final List<String> recent = new ArrayList<>();

  /**
   * @param seed   the random seed
   * @param prefix makes this run's identifiers unique (see {@link SampleEvents})
   * @param base   no valid event time lies after this instant
   */
  public EventMutator(long seed, String prefix, Instant base) {
    this.random = new SplittableRandom(seed);
    this.events = new SampleEvents(seed ^ 0x5DEECE66DL, prefix, base, 500);
  }

  public EventMutator(long seed, String prefix) {
    this(seed, prefix, Instant.parse("2026-06-30T00:00:00Z"));
  }

  /** Every raw person identifier the inputs can contain. */
  public List<String> personIds() {
    return events.personIds();
  }

  /** The next input: bytes that may or may not be a valid event. Never contains a newline. */
  public byte[] next() {
    String valid = events.next();
    if (recent.size() < 64) {
      recent.add(valid);
    } else {
      recent.set(random.nextInt(64), valid);
    }
    return switch (random.nextInt(16)) {
      case 0, 1 -> utf8(valid);
      case 2 -> utf8(recent.get(random.nextInt(recent.size()))); // an exact repeat
      case 3 -> utf8(valid.substring(0, random.nextInt(valid.length())));
      case 4 -> utf8(replaceValue(valid, pick("42", "-1.5e300", "true", "null", "[]", "{}", "[\"a\"]", "{\"x\":1}")));
      case 5 -> utf8(replaceValue(valid, "\"" + "x".repeat(1 + random.nextInt(80_000)) + "\""));
      case 6 -> utf8(insert(valid, pick("\\u0000", "\\ud800", "\\udfff\\ud800", "\u202e", "\ufeff", "\ud83d\ude00",
          "\\u001f", "\u0085", "é")));
      case 7 -> invalidUtf8(valid);
      case 8 -> utf8(replaceValue(valid, nest(1 + random.nextInt(3000))));
      case 9 -> utf8(duplicateKey(valid));
      case 10 -> utf8(valid.substring(0, valid.length() - 1) + ",\"" + pick("nationality", "name", "dateOfBirth",
          "x-y", "\\u0000", "address") + "\":\"" + pick("GB", "A B", "1970-01-01") + "\"}");
      case 11 -> utf8(replaceValue(valid, "\"" + pick("VICTIMS", "kent ", "IMMIGRATION", "", " ", "Kent",
          "2026-13-01T00:00:00Z", "2999-01-01T00:00:00Z", "1800-01-01T00:00:00Z", "2026-05-01T12:00:00+01:00") + "\""));
      case 12 -> flipBytes(valid);
      case 13 -> utf8(pick("", " ", "[]", "null", "\"s\"", "{}", "[" + valid + "]", valid + valid, "{\"type\":1}"));
      case 14 -> utf8(valid.replace("\"persons\":[", "\"persons\":[{\"personId\":\"" + pick("", " ", "x\\ty") + "\"},"));
      default -> utf8(removeField(valid));
    };
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  /** Replaces the value of a randomly chosen field (a string value in quotes) by {@code value}. */
  private String replaceValue(String json, String value) {
    List<int[]> spans = stringValues(json);
    int[] s = spans.get(random.nextInt(spans.size()));
    return json.substring(0, s[0]) + value + json.substring(s[1]);
  }

  private String insert(String json, String text) {
    List<int[]> spans = stringValues(json);
    int[] s = spans.get(random.nextInt(spans.size()));
    int at = s[0] + 1 + random.nextInt(Math.max(1, s[1] - s[0] - 1));
    return json.substring(0, at) + text + json.substring(at);
  }

  private String duplicateKey(String json) {
    String field = pick("eventId", "force", "personId", "type", "role");
    int at = json.indexOf("\"" + field + "\"");
    if (at < 0) {
      at = json.indexOf("\"eventId\"");
      field = "eventId";
    }
    return json.substring(0, at) + "\"" + field + "\":\"dup\"," + json.substring(at);
  }

  private String removeField(String json) {
    List<int[]> spans = stringValues(json);
    int[] s = spans.get(random.nextInt(spans.size()));
    int keyStart = json.lastIndexOf('"', json.lastIndexOf('"', s[0] - 2) - 1);
    int end = s[1] < json.length() && json.charAt(s[1]) == ',' ? s[1] + 1 : s[1];
    return json.substring(0, keyStart) + json.substring(end);
  }

  private String nest(int depth) {
    boolean arrays = random.nextBoolean();
    return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
  }

  private byte[] invalidUtf8(String json) {
    byte[] b = utf8(json);
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2);
    int at = 1 + random.nextInt(b.length - 1);
    out.write(b, 0, at);
    out.write(pick("c3", "ff", "ed", "f8").equals("c3") ? 0xC3 : 0xFF);
    out.write(b, at, b.length - at);
    return out.toByteArray();
  }

  private byte[] flipBytes(String json) {
    byte[] b = utf8(json);
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      int at = random.nextInt(b.length);
      byte v = (byte) random.nextInt(256);
      b[at] = v == '\n' || v == '\r' ? (byte) ' ' : v;
    }
    return b;
  }

  /** Spans [start, end) of every quoted string value (after a colon, including its quotes). */
  private static List<int[]> stringValues(String json) {
    List<int[]> spans = new ArrayList<>();
    for (int i = json.indexOf(":\""); i >= 0; i = json.indexOf(":\"", i + 1)) {
      int end = json.indexOf('"', i + 2);
      if (end < 0) {
        break;
      }
      spans.add(new int[] {i + 1, end + 1});
    }
    return spans;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
