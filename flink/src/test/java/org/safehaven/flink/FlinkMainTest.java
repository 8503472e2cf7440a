package org.safehaven.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlinkMainTest {

  private static final String[] ENDPOINTS = {"--bootstrap", "127.0.0.1:9", "--registry", "http://127.0.0.1:9/apis/ccompat/v7"};

  private static String run(int expectedExit, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new FlinkMain()).execute(args);
      assertThat(code).as("exit code").isEqualTo(expectedExit);
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String[] with(String... args) {
    String[] all = new String[args.length + ENDPOINTS.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(ENDPOINTS, 0, all, args.length, ENDPOINTS.length);
    return all;
  }

  @Test
  void anUnknownModeOrContradictoryOptionsAreRefusedAtStartWithExitCode2() {
    assertThat(run(2, with("sideways"))).contains("MODE must be live or replay");
    assertThat(run(2, with("live", "--from", "2026-01-01T00:00:00Z"))).contains("for replay only");
    assertThat(run(2, with("replay", "--file", "x.jsonl", "--to", "2026-01-01T00:00:00Z"))).contains("do not apply to --file");
    assertThat(run(2, with("replay", "--from", "yesterday"))).contains("ISO-8601 instant");
    assertThat(run(2, with("live", "--checkpoint-interval", "often"))).contains("a duration such as");
    assertThat(run(2, with("live", "--parallelism", "0"))).contains("--parallelism");
  }

  @Test
  void aBrokenPolicyFileStopsTheJobNamingTheKey(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yml");
    Files.writeString(policy, "version: \"x\"\nlookback: -3d\n");
    assertThat(run(2, with("live", "--policy", policy.toString()))).contains("'lookback'");
  }

  @Test
  void theNewestRetainedCheckpointIsFoundAcrossJobs(@TempDir Path dir) throws Exception {
    Path older = Files.createDirectories(dir.resolve("job-a/chk-7"));
    Files.writeString(older.resolve("_metadata"), "x");
    Files.setLastModifiedTime(older.resolve("_metadata"), java.nio.file.attribute.FileTime.fromMillis(1_000));
    Path newer = Files.createDirectories(dir.resolve("job-b/chk-2"));
    Files.writeString(newer.resolve("_metadata"), "x");
    Files.createDirectories(dir.resolve("job-b/chk-3")); // in progress: no _metadata

    assertThat(FlinkMain.latestCheckpoint(dir)).contains(newer);
    assertThat(FlinkMain.latestCheckpoint(dir.resolve("none"))).isEmpty();
  }
}
