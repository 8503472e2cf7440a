package org.safehaven.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.ingest.validate.ValidationResult;
import picocli.CommandLine;

/**
 * A generated test world (the generator's {@code --profile test}) as ingest would turn it into canonical
 * records (its validation, pseudonymisation and mapping; duplicates by eventId dropped as its dedup does),
 * with the generator's answer key. For tests of the topology against the key without a broker.
 */
record GeneratedWorld(List<CanonicalRecord> records, List<String> keyLines) {

  static GeneratedWorld generate(Path dir, long seed, String... extraArgs) {
    try {
      Path file = dir.resolve("world-" + seed + ".jsonl");
      List<String> args = new ArrayList<>(List.of("--profile", "test", "--seed", Long.toString(seed), "--quiet"));
      args.addAll(List.of(extraArgs));
      args.add(file.toString());
      int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream())))
          .execute(args.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException("generate exited " + code);
      }
      EventValidator validator = new EventValidator(Limits.defaults(), Clock.systemUTC());
      CanonicalMapper mapper = new CanonicalMapper(new Pseudonymiser(
          PseudonymisationKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test")));
      List<CanonicalRecord> records = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        ValidationResult r = validator.validate(line.getBytes(StandardCharsets.UTF_8));
        if (r instanceof ValidEvent v && seen.add(v.eventId())) {
          records.add(mapper.map(v, Instant.now()));
        }
      }
      List<String> key = Files.readAllLines(Path.of(file + ".key.jsonl"), StandardCharsets.UTF_8);
      return new GeneratedWorld(records, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key's entries, all four rules (this application decides them all), as comparable lines. */
  List<String> expectedAlerts() {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : keyLines) {
      try {
        JsonNode n = json.readTree(line);
        String rule = n.get("rule").asText();
        out.add(String.join("|", rule, n.get("triggeringEventId").asText(), n.get("force").asText(),
            n.get("severity").asText(), text(n, "reportId"), Instant.parse(n.get("eventTime").asText()).toString(),
            text(n, "delayHours"), text(n, "phase"), n.get("mixedRoles").asText(), text(n, "offence"),
            text(n, "channel"), text(n, "recipient"), text(n, "windowDisclosures"), text(n, "windowAfterClosure")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.sort(null);
    return out;
  }

  /** An alert in the same comparable form as {@link #expectedAlerts}. */
  static String comparable(org.safehaven.schema.Alert a) {
    return String.join("|", a.getRule().name(), a.getTriggeringEventId(), a.getForce(), a.getSeverity().name(),
        str(a.getReportId()), a.getEventTime().toString(), str(a.getDelayHours()), str(a.getPhase()),
        Boolean.toString(a.getMixedRoles()), str(a.getOffence()), str(a.getChannel()), str(a.getRecipient()),
        str(a.getWindowDisclosures()), str(a.getWindowAfterClosure()));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "null" : v.asText();
  }

  private static String str(Object o) {
    return o == null ? "null" : o.toString();
  }
}
