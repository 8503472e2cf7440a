package org.safehaven.runtime.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.runtime.StackException;

class DataDirLockTest {

  @TempDir
  Path dir;

  @Test
  void secondStackOnTheSameDirectoryIsRefusedNamingTheDirectoryAndTheHolder() {
    try (DataDirLock first = DataDirLock.acquire(dir)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dir))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("already running on " + dir)
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void directoryCanBeTakenAgainOnceReleased() {
    DataDirLock.acquire(dir).close();
    DataDirLock.acquire(dir).close();
  }
}
