package org.safehaven.runtime.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.safehaven.runtime.StackException;

/**
 * {@code DIR/run/<service>.pid}: the pid and start time of every child, written as soon as it starts (not
 * only once the whole stack is ready), so the next start on the same directory can tell whether a child
 * of an earlier stack is still running. The start time guards against a recycled pid.
 */
public final class PidFiles {

  private final Path dir;

  public PidFiles(Path dataDir) {
    this.dir = dataDir.resolve("run");
  }

  public void write(String service, ProcessHandle process) {
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(service + ".pid"), process.pid() + " " + started + "\n");
    } catch (IOException e) {
      throw new StackException("cannot write " + dir.resolve(service + ".pid") + ": " + e.getMessage(), e);
    }
  }

  /** The recorded children that are still running (the same process: same pid and start time). */
  public List<ProcessHandle> stillRunning() {
    List<ProcessHandle> alive = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return alive;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
      for (Path f : files) {
        parse(f).ifPresent(alive::add);
      }
    } catch (IOException e) {
      throw new StackException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return alive;
  }

  private static Optional<ProcessHandle> parse(Path file) throws IOException {
    String[] parts = Files.readString(file).trim().split("\\s+");
    if (parts.length != 2 || !parts[0].matches("\\d{1,10}") || !parts[1].matches("\\d{1,15}")) {
      return Optional.empty();
    }
    long recordedStart = Long.parseLong(parts[1]);
    return ProcessHandle.of(Long.parseLong(parts[0]))
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == recordedStart);
  }

  public void deleteAll() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // stale pid files are checked against start times, so a leftover is harmless
    }
  }
}
