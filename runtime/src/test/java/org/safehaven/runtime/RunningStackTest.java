package org.safehaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.runtime.process.DataDirLock;
import org.safehaven.runtime.process.PidFiles;

class RunningStackTest {

  @TempDir
  Path dir;

  private RunningStack readyStack() {
    RunningStack stack = new RunningStack(dir, DataDirLock.acquire(dir), new PidFiles(dir), line -> { });
    StackInfo info = new StackInfo("127.0.0.1:1", "http://127.0.0.1:2/apis/ccompat/v7", "http://127.0.0.1:3", dir,
        Map.of(), Map.of());
    StackFile.write(dir, info);
    stack.ready(info, 1.0);
    return stack;
  }

  @Test
  void extrasAddedLaterAreInTheInfoAndInStackJson() {
    try (RunningStack stack = readyStack()) {
      stack.addExtras(Map.of("apiUrl", "http://127.0.0.1:4"));
      stack.addExtras(Map.of("dashboardUrl", "http://127.0.0.1:4/dashboard"));

      assertThat(stack.info().extras())
          .containsEntry("apiUrl", "http://127.0.0.1:4")
          .containsEntry("dashboardUrl", "http://127.0.0.1:4/dashboard");
      assertThat(StackFile.read(dir)).isEqualTo(stack.info());
    }
  }

  @Test
  void closingRemovesStackJsonAndFreesTheDirectoryForTheNextStack() {
    RunningStack stack = readyStack();
    stack.close();

    assertThat(StackFile.in(dir)).doesNotExist();
    DataDirLock.acquire(dir).close();
  }

  @Test
  void infoIsRefusedUntilTheStackIsReady() {
    try (RunningStack stack = new RunningStack(dir, DataDirLock.acquire(dir), new PidFiles(dir), line -> { })) {
      assertThatThrownBy(stack::info).isInstanceOf(IllegalStateException.class);
    }
  }
}
