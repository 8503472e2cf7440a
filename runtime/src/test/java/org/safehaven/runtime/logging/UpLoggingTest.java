package org.safehaven.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.runtime.RuntimeLayout;

/**
 * {@link UpLogging} in a real JVM of its own ({@link WarnFlood}), its stdout and stderr being the terminal: a
 * flood of per-event warnings from an org.safehaven logger never reaches the terminal, is all in
 * DATA/logs/safehaven.log, and is counted; a per-event error reaches the terminal a few times only.
 */
class UpLoggingTest {

  private static final int WARNINGS = 20_000;

  @TempDir
  Path dir;

  @Test
  void aFloodOfWarningsStaysOffTheTerminalIsInTheLogFileAndIsCounted() throws Exception {
    Run run = flood(WARNINGS);

    assertThat(run.exitCode).as("exit code; stderr:%n%s", run.stderr).isZero();
    List<String> terminal = new ArrayList<>(run.stdout);
    terminal.addAll(run.stderr);
    assertThat(terminal).noneMatch(l -> l.contains("allowed lateness"));
    assertThat(terminal).noneMatch(l -> l.contains("WARN"));
    assertThat(terminal).noneMatch(l -> l.contains("ingest is listening"));
    // The per-event error: three on the terminal (this minute), one line each, no stack trace.
    assertThat(run.stderr).hasSize(3).allSatisfy(l -> assertThat(l)
        .matches("\\d\\d:\\d\\d:\\d\\d ERROR o\\.s\\.s\\.errors\\.DeadLetterHandler - processing of "
            + "safehaven\\.disclosures partition 0 offset [012] failed in rules; dead-lettered"));

    Path file = dir.resolve("logs").resolve(UpLogging.FILE_NAME);
    assertThat(run.stdout).contains("FILE " + file);
    List<String> log = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(log.stream().filter(l -> l.contains(" WARN ") && l.contains("arrived beyond the allowed lateness")))
        .hasSize(WARNINGS);
    assertThat(log.stream().filter(l -> l.contains(" ERROR ") && l.contains("DeadLetterHandler"))).hasSize(10);
    assertThat(log).anyMatch(l -> l.contains("IllegalStateException: per-event failure 9"));
    assertThat(log).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+ INFO  \\[main] org\\.safehaven\\.ingest\\.IngestService"
        + " - ingest is listening \\(flood test\\)"));

    assertThat(run.stdout).contains("COUNTS warnings=" + WARNINGS + " errors=10 late=" + WARNINGS);
    assertThat(run.stdout).contains("STATUS 14:03:05 in 12,345 (rejected 3) · alerts 42 · dead letters 3 · lag streams 0"
        + " · 10 errors, 20,000 warnings in the log");
    assertThat(run.stdout).contains("SUMMARY 14:04:00 logged in the last minute: 10 errors, 20,000 warnings"
        + " (20,000 PersonFlowsProcessor, 10 DeadLetterHandler); see " + file);
  }

  @Test
  void theLogFileRotatesAtItsSizeAndKeepsABoundedNumberOfOlderFiles() throws Exception {
    Run run = flood(WARNINGS, "-Dsafehaven.log.maxFileSize=300KB", "-Dsafehaven.log.checkIncrement=0 milliseconds",
        "-Dsafehaven.log.maxBackups=2");

    assertThat(run.exitCode).as("exit code; stderr:%n%s", run.stderr).isZero();
    Path logs = dir.resolve("logs");
    List<String> names;
    try (Stream<Path> files = Files.list(logs)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    // 20,000 lines of about 190 bytes: several rollovers; only the newest two older files are kept.
    assertThat(names).containsExactly("safehaven.1.log", "safehaven.2.log", "safehaven.log");
    for (String name : names) {
      assertThat(Files.size(logs.resolve(name))).as(name).isLessThan(300 * 1024 + 1024);
    }
    assertThat(Files.readAllLines(logs.resolve("safehaven.log"))).anyMatch(l -> l.contains("DeadLetterHandler"));
    assertThat(run.stdout).contains("COUNTS warnings=" + WARNINGS + " errors=10 late=" + WARNINGS);
  }

  @Test
  void aLogDirectoryThatCannotBeCreatedStopsWithTheReason() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");

    Run run = flood(notADirectory, 1);

    assertThat(run.exitCode).isNotZero();
    assertThat(run.stderr).anyMatch(l -> l.contains("cannot set up logging to " + notADirectory.resolve("logs") + ": "));
  }

  private record Run(int exitCode, List<String> stdout, List<String> stderr) {}

  private Run flood(int warnings, String... jvmOptions) throws IOException, InterruptedException {
    return flood(dir, warnings, jvmOptions);
  }

  private Run flood(Path dataDir, int warnings, String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(RuntimeLayout.javaExecutable().toString()));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), WarnFlood.class.getName(),
        dataDir.toString(), Integer.toString(warnings)));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the flood did not finish within 120 s");
    }
    return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readAllLines(err, StandardCharsets.UTF_8));
  }
}
