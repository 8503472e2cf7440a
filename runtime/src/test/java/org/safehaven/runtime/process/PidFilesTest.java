package org.safehaven.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

  @TempDir
  Path dir;

  @Test
  void recordedProcessThatStillRunsIsReported() {
    PidFiles files = new PidFiles(dir);
    files.write("kafka", ProcessHandle.current());
    assertThat(files.stillRunning()).extracting(ProcessHandle::pid).containsExactly(ProcessHandle.current().pid());
  }

  @Test
  void recycledPidWithAnotherStartTimeIsNotMistakenForTheRecordedProcess() throws Exception {
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(dir.resolve("run/kafka.pid"), ProcessHandle.current().pid() + " 12345\n");
    assertThat(new PidFiles(dir).stillRunning()).isEmpty();
  }

  @Test
  void deleteAllForgetsEveryRecord() {
    PidFiles files = new PidFiles(dir);
    files.write("kafka", ProcessHandle.current());
    files.deleteAll();
    assertThat(files.stillRunning()).isEmpty();
  }
}
