package org.safehaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.runtime.process.ChildProcess;
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

  @Test
  void aWatchedProcessOnTopOfTheStackThatDiesUnaskedEndsTheWaitNamingIt() throws Exception {
    try (RunningStack stack = readyStack()) {
      ChildProcess flink = ChildProcess.start("flink", List.of("bash", "-c", "sleep 0.3; exit 3"), Map.of(), dir,
          dir.resolve("flink.log"), Duration.ofSeconds(1));
      stack.watch(flink);

      String failure = CompletableFuture.supplyAsync(() -> {
        try {
          return stack.awaitUnexpectedExit();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }).get(30, TimeUnit.SECONDS);

      assertThat(failure).startsWith("flink stopped unexpectedly (exit code 3)").contains("flink.log");
    }
  }

  @Test
  void aWatchedProcessStoppedOnPurposeIsNoFailure() throws Exception {
    RunningStack stack = readyStack();
    ChildProcess flink = ChildProcess.start("flink", List.of("sleep", "60"), Map.of(), dir, dir.resolve("flink.log"),
        Duration.ofSeconds(1));
    stack.watch(flink);
    stack.closeFirst(flink);
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return stack.awaitUnexpectedExit();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    stack.close();

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isNull();
    assertThat(flink.isAlive()).isFalse();
  }
}
