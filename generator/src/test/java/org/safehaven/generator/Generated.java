package org.safehaven.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.safehaven.core.policy.Policy;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.generator.key.AnswerKey;
import org.safehaven.generator.key.KeyAlert;

/** A generated file with its key and summary, for tests. */
record Generated(Path events, Path key, Path summary, Generator.Result result) {

  static final Policy POLICY = PolicyLoader.builtIn();

  static Generated write(Path dir, String name, GeneratorOptions options) throws IOException {
    Path events = dir.resolve(name);
    Path key = dir.resolve(name + ".key.jsonl");
    Path summary = dir.resolve(name + ".summary.json");
    Generator.Result r = Generator.toFiles(options, POLICY, events, OutputStream.nullOutputStream(), key, summary,
        Generator.Progress.NONE);
    return new Generated(events, key, summary, r);
  }

  /** The test profile with a seed, otherwise its defaults. */
  static GeneratorOptions testProfile(long seed) {
    return GeneratorOptions.resolve(Profile.TEST, seed, null, null, null, null, null, null, null, null, null, "auto");
  }

  List<String> lines() throws IOException {
    List<String> out = new ArrayList<>();
    try (var r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  List<KeyAlert> keyAlerts() throws IOException {
    return AnswerKey.read(key);
  }
}
