package org.safehaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {

  @TempDir
  Path dir;

  private StackInfo info() {
    return new StackInfo("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7", "http://127.0.0.1:9200", dir,
        Map.of("kafka", 11L, "registry", 12L), Map.of("apiUrl", "http://127.0.0.1:8080"));
  }

  @Test
  void whatIsWrittenReadsBackEqual() {
    StackFile.write(dir, info());
    assertThat(StackFile.read(dir)).isEqualTo(info());
    assertThat(StackFile.read(dir.resolve("stack.json"))).isEqualTo(info());
  }

  @Test
  void dataDirIsWrittenAsAPlainPathForScriptsToRead() throws Exception {
    StackFile.write(dir, info());
    assertThat(Files.readString(dir.resolve("stack.json"))).contains("\"dataDir\" : \"" + dir + "\"");
  }

  @Test
  void rewritingLeavesNoTemporaryFileBehind() throws Exception {
    StackFile.write(dir, info());
    StackFile.write(dir, info());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("stack.json");
    }
  }

  @Test
  void missingFileIsReportedAsAStackThatIsNotUp() {
    assertThatThrownBy(() -> StackFile.read(dir))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("is the stack up?");
  }
}
