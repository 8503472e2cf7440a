package org.safehaven.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation streams: a run of two million events fits in a heap far smaller than the events themselves
 * (two million events as objects need several hundred megabytes). Run in a separate JVM so that the heap
 * limit is real.
 */
class StreamingHeapTest {

  @TempDir
  Path dir;

  @Test
  void twoMillionNationalEventsAreWrittenWithinA64MegabyteHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path summary = dir.resolve("summary.json");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-cp", cp, GenerateCommand.class.getName(),
        "--days", "14", "--seed", "9", "--quiet", "--key", dir.resolve("key.jsonl").toString(),
        "--summary", summary.toString(), "-")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().put("CLASSPATH", cp);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
    List<String> err = Files.readAllLines(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit code; stderr: %s", err).isZero();
    long lines = new ObjectMapper().readTree(summary.toFile()).at("/events/lines").asLong();
    assertThat(lines).isGreaterThanOrEqualTo(2_000_000);
  }
}
