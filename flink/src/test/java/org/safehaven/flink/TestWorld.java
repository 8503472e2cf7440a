package org.safehaven.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.io.InterchangeFormat;
import org.safehaven.generator.GenerateCommand;
import org.safehaven.generator.key.AnswerKey;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.schema.Rule;
import picocli.CommandLine;

/**
 * A generated test world (the generator's {@code --profile test}: every rule and edge case, bad lines and
 * duplicates) in the forms the tests feed the job: the interchange file itself (for file replay), and the
 * events ingest would have put on the canonical topics (validated, pseudonymised with {@link #KEY_HEX}, bad
 * lines and repeated eventIds dropped), in file order. With the generator's answer key.
 */
public record TestWorld(Path file, Path keyFile, List<InputEvent> canonical, List<KeyAlert> key) {

  public static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  public static TestWorld generate(Path dir, long seed, String... extraArgs) {
    try {
      Path file = dir.resolve("world-" + seed + ".jsonl");
      List<String> args = new ArrayList<>(List.of("--profile", "test", "--seed", Long.toString(seed), "--quiet"));
      args.addAll(List.of(extraArgs));
      args.add(file.toString());
      int code = new CommandLine(new GenerateCommand(new ByteArrayOutputStream(),
          new PrintStream(new ByteArrayOutputStream()))).execute(args.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException("generate exited " + code);
      }
      Path keyFile = dir.resolve("pseudonymisation.key");
      Files.writeString(keyFile, KEY_HEX);
      EventValidator validator = new EventValidator(Limits.defaults(), Clock.systemUTC());
      CanonicalMapper mapper = new CanonicalMapper(new Pseudonymiser(PseudonymisationKey.parse(KEY_HEX, "test")));
      List<InputEvent> events = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        InputEvent e = InterchangeFormat.convert(line.getBytes(StandardCharsets.UTF_8), n, validator, mapper);
        if (e.kind != InputEvent.Kind.REJECTED && seen.add(e.force + "|" + e.eventId)) {
          events.add(e);
        }
      }
      List<KeyAlert> key = AnswerKey.read(Path.of(file + ".key.jsonl"));
      return new TestWorld(file, keyFile, events, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key's entries for the rules this job writes. */
  public List<KeyAlert> expectedAlerts() {
    // A replay decides all four rules with the kernel.
    return key.stream()
        .sorted(KeyAlert.ORDER)
        .toList();
  }
}
