package org.safehaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void helpListsTheUpCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Commands:").containsPattern("(?m)^\\s+up\\s");
  }

  @Test
  void upHelpNamesTheDataDirectoryOption() {
    assertThat(run("up", "--help")).isZero();
    assertThat(out.toString()).contains("--data-dir=DIR", "--set=KEY=VALUE", "--config=FILE");
  }

  @Test
  void unknownSettingIsOneErrorLineWithoutAStackTrace() {
    assertThat(run("up", "--set", "kafka.heapMegabytes=1")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("error: unknown setting 'kafka.heapMegabytes'")
        .doesNotContain("\tat ", "Exception");
  }

  @Test
  void readyLineStartsWithTheAgreedPrefixAndNamesEveryAddress() {
    StackInfo info = new StackInfo("127.0.0.1:1", "http://127.0.0.1:2/apis/ccompat/v7", "http://127.0.0.1:3",
        Path.of("/d"), Map.of(), Map.of());
    assertThat(UpCommand.readyLine(info, Path.of("/d/stack.json"), 23.4))
        .startsWith("Safe Haven is ready in 23 s")
        .contains("Kafka 127.0.0.1:1", "registry http://127.0.0.1:2/apis/ccompat/v7",
            "Elasticsearch http://127.0.0.1:3", "(stack.json: /d/stack.json)");
  }
}
