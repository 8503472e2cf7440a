package org.safehaven.generator.key;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.safehaven.core.policy.Policy;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * The answer key of a generated file: collects the lines of the events the rules need (as written, parsed
 * back with {@link InterchangeReader}), runs {@link ReferenceRules} over them, and reads and writes the key
 * file ({@code FILE.key.jsonl}).
 *
 * <p>Key file format: one JSON object per alert, in {@link KeyAlert#ORDER}, every field present (null where it
 * does not apply): {@code rule, triggeringEventId, force, severity, reportId, eventTime, delayHours, phase,
 * mixedRoles, offence, channel, recipient, windowDisclosures, windowAfterClosure}. Later issues' tests load
 * it with {@link #read(Path)} and match the platform's alerts by (rule, triggeringEventId).
 */
public final class AnswerKey implements Consumer<byte[]> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<KeyEvent> events = new ArrayList<>();

  @Override
  public void accept(byte[] line) {
    events.add(InterchangeReader.read(line));
  }

  /** Events collected so far (duplicates included). */
  public int size() {
    return events.size();
  }

  public List<KeyAlert> alerts(Policy policy) {
    return new ReferenceRules(policy).evaluate(events);
  }

  public static void write(List<KeyAlert> alerts, OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (KeyAlert a : alerts) {
        g.writeStartObject();
        g.writeStringField("rule", a.rule().name());
        g.writeStringField("triggeringEventId", a.triggeringEventId());
        g.writeStringField("force", a.force());
        g.writeStringField("severity", a.severity().name());
        g.writeStringField("reportId", a.reportId());
        g.writeStringField("eventTime", a.eventTime().toString());
        if (a.delayHours() == null) {
          g.writeNullField("delayHours");
        } else {
          g.writeNumberField("delayHours", a.delayHours());
        }
        g.writeStringField("phase", name(a.phase()));
        g.writeBooleanField("mixedRoles", a.mixedRoles());
        g.writeStringField("offence", name(a.offence()));
        g.writeStringField("channel", name(a.channel()));
        g.writeStringField("recipient", name(a.recipient()));
        if (a.windowDisclosures() == null) {
          g.writeNullField("windowDisclosures");
          g.writeNullField("windowAfterClosure");
        } else {
          g.writeNumberField("windowDisclosures", a.windowDisclosures());
          g.writeNumberField("windowAfterClosure", a.windowAfterClosure());
        }
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  public static void write(List<KeyAlert> alerts, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(alerts, out);
    }
  }

  /** Reads a key file written by {@link #write}. */
  public static List<KeyAlert> read(Path file) throws IOException {
    List<KeyAlert> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        out.add(new KeyAlert(
            Rule.valueOf(n.get("rule").asText()),
            n.get("triggeringEventId").asText(),
            n.get("force").asText(),
            Severity.valueOf(n.get("severity").asText()),
            text(n, "reportId"),
            Instant.parse(n.get("eventTime").asText()),
            n.get("delayHours").isNull() ? null : n.get("delayHours").asLong(),
            n.get("phase").isNull() ? null : Phase.valueOf(n.get("phase").asText()),
            n.get("mixedRoles").asBoolean(),
            n.get("offence").isNull() ? null : Offence.valueOf(n.get("offence").asText()),
            n.get("channel").isNull() ? null : Channel.valueOf(n.get("channel").asText()),
            n.get("recipient").isNull() ? null : Recipient.valueOf(n.get("recipient").asText()),
            n.get("windowDisclosures").isNull() ? null : n.get("windowDisclosures").asInt(),
            n.get("windowAfterClosure").isNull() ? null : n.get("windowAfterClosure").asInt()));
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
