package org.safehaven.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkJobTest {

  @Test
  void demoCommandRunsTheLiveJobWithASmallWatermarkBoundAndTheDataDirectorysCheckpoints() {
    List<String> cmd = FlinkJob.command("/jdk/bin/java", "a.jar:b.jar", "127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7",
        Path.of("/data/flink/checkpoints"), Duration.ofSeconds(10));

    assertThat(cmd.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(cmd).containsSubsequence("-cp", "a.jar:b.jar", "org.safehaven.flink.FlinkMain", "live",
        "--bootstrap", "127.0.0.1:9092", "--registry", "http://127.0.0.1:8081/apis/ccompat/v7",
        "--state-dir", "/data/flink/checkpoints", "--out-of-orderness", "PT10S");
    assertThat(cmd).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
    // The group the status line reports on is the job's, named on its command line, not left to its default.
    assertThat(cmd).containsSubsequence("--group-id", FlinkJob.GROUP_ID);
  }

  @Test
  void withoutTheDemoTheJobKeepsThePolicysAllowedLateness() {
    List<String> cmd = FlinkJob.command("java", "cp", "k:1", "http://r", Path.of("/d"), null);

    assertThat(cmd).doesNotContain("--out-of-orderness");
  }
}
