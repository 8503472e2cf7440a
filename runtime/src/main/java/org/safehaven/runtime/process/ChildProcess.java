package org.safehaven.runtime.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.safehaven.runtime.StackException;

/**
 * A server run as a child process that cannot outlive this JVM, however this JVM ends.
 *
 * <p>How: the child starts in a session of its own ({@code setsid}), so a terminal's Ctrl-C reaches only
 * this JVM, whose shutdown hook then stops the children in order. Before the server is exec'd, a small
 * bash monitor is forked off; it holds the read end of the child's stdin pipe, whose only writer is this
 * JVM. When this JVM dies — kill -9 included, when no shutdown hook runs — the kernel closes that pipe,
 * the monitor reads end-of-file, sends SIGTERM to the server and, after the grace period, SIGKILL to the
 * session's whole process group (which also takes the server's own children, such as Elasticsearch's
 * server JVM under its launcher). The monitor also cleans up that group when the server ends on its own.
 * The server keeps the pid the ProcessBuilder reports (setsid, bash and setpriv all exec), so pids and
 * exit codes are the server's own.
 *
 * <p>{@code setpriv --pdeathsig} was not used: it fires when the spawning <em>thread</em> ends, and
 * JVM threads come and go.
 */
public final class ChildProcess implements AutoCloseable {

  // $1 = grace seconds, then the server's command. fd 3 keeps the pipe from this JVM: bash gives a
  // background job /dev/null as its stdin, so the monitor reads fd 3 instead.
  static final String MONITOR_SCRIPT = """
      grace="$1"; shift
      svc=$$
      exec 3<&0
      (
        while :; do
          read -r -t 1 -u 3 _
          rc=$?
          if [ "$rc" -eq 0 ]; then continue; fi
          if [ "$rc" -gt 128 ] && kill -0 "$svc" 2>/dev/null; then continue; fi
          break
        done
        kill -TERM "$svc" 2>/dev/null
        i=0
        while [ "$i" -lt $((grace * 5)) ] && kill -0 "$svc" 2>/dev/null; do sleep 0.2; i=$((i + 1)); done
        kill -KILL -- -"$svc" 2>/dev/null
      ) &
      exec "$@" 3<&- </dev/null
      """;

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Duration grace;
  private volatile boolean stopping;

  private ChildProcess(String name, Process process, Path logFile, Duration grace) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.grace = grace;
  }

  /**
   * Starts {@code command} with its output (stdout and stderr) appended to {@code logFile}.
   *
   * @param name  the service's name, for messages
   * @param env   variables added to this JVM's environment
   * @param grace how long the server may take to stop after SIGTERM before it is killed
   */
  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                   Path logFile, Duration grace) {
    ProcessBuilder pb = new ProcessBuilder(wrap(command, grace))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(logFile.toFile()));
    pb.environment().putAll(env);
    try {
      return new ChildProcess(name, pb.start(), logFile, grace);
    } catch (IOException e) {
      throw new StackException("cannot start " + name + ": " + e.getMessage()
          + " (the embedded stack needs bash and setsid from util-linux)", e);
    }
  }

  /** The command line that runs {@code command} under the monitor, in a session of its own. */
  static List<String> wrap(List<String> command, Duration grace) {
    List<String> argv = new ArrayList<>(List.of("setsid", "bash", "-c", MONITOR_SCRIPT, "safehaven-monitor",
        Long.toString(Math.max(1, grace.toSeconds()))));
    argv.addAll(command);
    return argv;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the server exits, for whatever reason. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The server's exit code; only meaningful once it has exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Whether {@link #stop()} has been called, so an exit is expected rather than a failure. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Stops the server and everything it started: SIGTERM, up to the grace period for a clean shutdown,
   * then SIGKILL to whatever of its process tree is left. Returns once all of it has gone (or after a
   * bounded wait if the kernel is slow to reap).
   */
  public void stop() {
    stopping = true;
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    process.destroy();
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the pipe is already closed: the monitor has seen end-of-file
    }
    try {
      process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      process.descendants().forEach(tree::add);
      for (ProcessHandle p : tree) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (ProcessHandle p : tree) {
        while (p.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
