package org.safehaven.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new CommandLine(new GenerateCommand(out, new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneForceDayWritesTheEventsTheKeyAndTheSummaryBesideEachOther() throws IOException {
    Path file = dir.resolve("kent.jsonl");
    assertThat(run("--forces", "kent", "--days", "1", "--seed", "3", file.toString())).isZero();
    assertThat(Files.readAllLines(file)).hasSizeGreaterThan(1_000)
        .allSatisfy(l -> assertThat(l).contains("\"force\":\"kent\""));
    assertThat(dir.resolve("kent.jsonl.key.jsonl")).exists();
    var summary = new ObjectMapper().readTree(dir.resolve("kent.jsonl.summary.json").toFile());
    assertThat(summary.at("/parameters/forces/0").asText()).isEqualTo("kent");
    assertThat(summary.at("/events/lines").asLong()).isEqualTo(Files.readAllLines(file).size());
    assertThat(err()).contains("wrote").contains("lines/s").contains("answer key");
  }

  @Test
  void dashWritesEventsToStandardOutputAndTheSummaryToStandardError() {
    assertThat(run("--forces", "city-of-london", "--days", "1", "-")).isZero();
    String events = out.toString(StandardCharsets.UTF_8);
    assertThat(events.lines().count()).isPositive();
    assertThat(events.lines()).allSatisfy(l -> assertThat(l).startsWith("{\"type\":"));
    assertThat(err()).contains("\"parameters\"");
  }

  @Test
  void anUnknownForceIsRefusedWithExitCodeTwoNamingIt() {
    assertThat(run("--forces", "kent,gotham", dir.resolve("x.jsonl").toString())).isEqualTo(2);
    assertThat(err()).contains("--forces").contains("'gotham' is not a force");
    assertThat(dir.resolve("x.jsonl")).doesNotExist();
  }

  @Test
  void unusableValuesAreRefusedWithAClearMessage() {
    assertThat(run("--scale", "0", "-")).isEqualTo(2);
    assertThat(err()).contains("--scale must be more than 0");
    assertThat(run("--profile", "huge", "-")).isEqualTo(2);
    assertThat(err()).contains("--profile must be realistic, test or demo");
    assertThat(run("--start", "01/01/2025", "-")).isEqualTo(2);
    assertThat(err()).contains("--start must be an ISO date");
    assertThat(run("--shuffle-hours", "48", "--forces", "kent", "-")).isEqualTo(2);
    assertThat(err()).contains("allowedLateness");
  }

  @Test
  void aBadPolicyFileStopsGenerationNamingTheKey() throws IOException {
    Path policy = Files.writeString(dir.resolve("p.yml"), "version: x\nlookback: -1d\n");
    assertThat(run("--policy", policy.toString(), "--forces", "kent", "-")).isEqualTo(2);
    assertThat(err()).contains("'lookback' must be a positive duration");
  }

  @Test
  void aMissingOutputFolderIsAnIoErrorNotAStackTrace() {
    assertThat(run("--forces", "kent", dir.resolve("no/such/dir/x.jsonl").toString())).isEqualTo(1);
    assertThat(err()).contains("no such file or folder").doesNotContain("Exception");
  }
}
