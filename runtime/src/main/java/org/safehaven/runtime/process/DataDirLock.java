package org.safehaven.runtime.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.safehaven.runtime.StackException;

/**
 * One stack per data directory: an exclusive lock on {@code DIR/stack.lock}, held for the life of the
 * stack. The operating system releases it when the holding process dies, however it dies, so a crashed
 * stack never leaves a stale lock behind. The file holds the holder's pid, for the refusal message.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE_NAME = "stack.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or refuses, naming the directory and the pid of the stack that holds it. */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very JVM
      }
      if (lock == null) {
        String holder = holderOf(file);
        channel.close();
        throw new StackException("a Safe Haven stack is already running on " + dataDir
            + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + "; stop it first (Ctrl-C in its terminal) or choose another --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StackException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static String holderOf(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return text.matches("\\d{1,10}") ? text : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }
}
