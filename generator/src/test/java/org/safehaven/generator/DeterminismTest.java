package org.safehaven.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.generator.key.InterchangeReader;

class DeterminismTest {

  @TempDir
  Path dir;

  private static GeneratorOptions options(long seed, int shuffleHours, double badShare, double duplicateShare) {
    return GeneratorOptions.resolve(Profile.TEST, seed, LocalDate.of(2024, 1, 1), 200, null, null, null, badShare,
        duplicateShare, shuffleHours, 2, "auto");
  }

  @Test
  void theSameSeedAndParametersGiveByteIdenticalFiles() throws IOException {
    Generated a = Generated.write(dir, "a.jsonl", options(5, 6, 0.02, 0.01));
    Generated b = Generated.write(dir, "b.jsonl", options(5, 6, 0.02, 0.01));
    assertThat(Files.mismatch(a.events(), b.events())).isEqualTo(-1L);
    assertThat(Files.mismatch(a.key(), b.key())).isEqualTo(-1L);
    assertThat(Files.mismatch(a.summary(), b.summary())).isEqualTo(-1L);
    assertThat(Files.size(a.key())).isPositive();
  }

  @Test
  void anotherSeedGivesAnotherWorldWithOtherIdentifiers() throws IOException {
    Generated a = Generated.write(dir, "a.jsonl", options(1, 0, 0, 0));
    Generated b = Generated.write(dir, "b.jsonl", options(2, 0, 0, 0));
    assertThat(Files.mismatch(a.events(), b.events())).isNotEqualTo(-1L);
    Set<String> idsA = eventIds(a);
    idsA.retainAll(eventIds(b));
    assertThat(idsA).as("two worlds loaded into one platform share no eventId").isEmpty();
  }

  @Test
  void shuffleDuplicatesAndBadLinesChangeTheLinesButNotTheEventsOrTheKey() throws IOException {
    Generated plain = Generated.write(dir, "plain.jsonl", options(3, 0, 0, 0));
    Generated noisy = Generated.write(dir, "noisy.jsonl", options(3, 24, 0.05, 0.02));
    assertThat(noisy.result().counts().bad()).isPositive();
    assertThat(noisy.result().counts().duplicates()).isPositive();
    assertThat(noisy.result().counts().outOfOrder()).isPositive();
    assertThat(validDistinct(noisy)).isEqualTo(validDistinct(plain));
    assertThat(noisy.keyAlerts()).isEqualTo(plain.keyAlerts()).isNotEmpty();
  }

  @Test
  void shuffledLinesNeverArriveLaterThanTheShuffleHours() throws IOException {
    Generated g = Generated.write(dir, "s.jsonl", options(4, 6, 0, 0.01));
    Instant maxSeen = Instant.MIN;
    long maxLateSeconds = 0;
    for (String line : g.lines()) {
      Instant t = InterchangeReader.read(line).time();
      if (t.isBefore(maxSeen)) {
        maxLateSeconds = Math.max(maxLateSeconds, maxSeen.getEpochSecond() - t.getEpochSecond());
      }
      maxSeen = t.isAfter(maxSeen) ? t : maxSeen;
    }
    assertThat(maxLateSeconds).isPositive().isLessThanOrEqualTo(6 * 3600)
        .isEqualTo(g.result().counts().maxLatenessSeconds());
  }

  @Test
  void aShuffleBeyondThePolicysAllowedLatenessIsRefused() {
    GeneratorOptions o = options(1, 25, 0, 0);
    assertThatThrownBy(() -> Generated.write(dir, "x.jsonl", o))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("--shuffle-hours 25")
        .hasMessageContaining("allowedLateness (24h)");
  }

  private static Set<String> eventIds(Generated g) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String line : g.lines()) {
      if (InterchangeValidator.problem(line, Instant.now()) == null) {
        ids.add(InterchangeReader.read(line).eventId());
      }
    }
    return ids;
  }

  private static List<String> validDistinct(Generated g) throws IOException {
    TreeSet<String> seen = new TreeSet<>();
    List<String> out = new ArrayList<>();
    for (String line : g.lines()) {
      if (InterchangeValidator.problem(line, Instant.now()) == null && seen.add(line)) {
        out.add(line);
      }
    }
    out.sort(String::compareTo);
    return out;
  }
}
