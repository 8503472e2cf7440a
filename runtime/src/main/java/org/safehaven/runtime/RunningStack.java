package org.safehaven.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.safehaven.runtime.process.ChildProcess;
import org.safehaven.runtime.process.DataDirLock;
import org.safehaven.runtime.process.PidFiles;

/**
 * A started embedded stack: its children, the lock on its data directory and, once every service is
 * healthy, its {@link StackInfo}. Closing it stops every child (in parallel, each with a grace period),
 * removes {@code stack.json} and releases the directory. A JVM shutdown hook closes it too, so Ctrl-C,
 * SIGTERM and a normal exit all leave nothing running; for kill -9 see {@link ChildProcess}.
 */
public final class RunningStack implements AutoCloseable {

  private final Path dataDir;
  private final DataDirLock lock;
  private final PidFiles pidFiles;
  private final Consumer<String> progress;
  private final Map<String, ChildProcess> children = new LinkedHashMap<>();
  private final List<AutoCloseable> dependents = new ArrayList<>();
  private final List<ChildProcess> watchedExtras = new ArrayList<>();
  private final Thread shutdownHook;
  private volatile boolean closing;
  private volatile StackInfo info;
  private volatile double startupSeconds;

  RunningStack(Path dataDir, DataDirLock lock, PidFiles pidFiles, Consumer<String> progress) {
    this.dataDir = dataDir;
    this.lock = lock;
    this.pidFiles = pidFiles;
    this.progress = progress;
    this.shutdownHook = new Thread(this::close, "safehaven-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Adopts a freshly started child; if the stack is already closing, stops it at once. */
  ChildProcess adopt(String key, ChildProcess child) {
    synchronized (children) {
      if (!closing) {
        children.put(key, child);
        pidFiles.write(key, ProcessHandle.of(child.pid()).orElseThrow());
        return child;
      }
    }
    child.stop();
    throw new CancellationException("the stack is stopping");
  }

  void ready(StackInfo info, double startupSeconds) {
    this.info = info;
    this.startupSeconds = startupSeconds;
  }

  /**
   * Adds addresses or demo credentials of services started on top of the stack (e.g. {@code apiUrl},
   * {@code dashboardUrl}) to {@link #info()} and rewrites {@code stack.json} with them.
   */
  public synchronized StackInfo addExtras(Map<String, String> extras) {
    StackInfo current = info();
    Map<String, String> merged = new LinkedHashMap<>(current.extras());
    merged.putAll(extras);
    StackInfo updated = new StackInfo(current.kafkaBootstrap(), current.registryUrl(), current.elasticsearchUrl(),
        current.dataDir(), current.pids(), merged);
    StackFile.write(dataDir, updated);
    this.info = updated;
    return updated;
  }

  /**
   * Registers a service that runs on top of the stack (ingest, the streams app, the API, ...). close()
   * closes these first, newest first, before any child stops, so on Ctrl-C (this stack's shutdown hook)
   * they shut down cleanly against a stack that is still there. A failing close is skipped, not fatal.
   * If the stack is already closing, closes it at once.
   */
  public void closeFirst(AutoCloseable service) {
    synchronized (children) {
      if (!closing) {
        dependents.add(service);
        return;
      }
    }
    closeQuietly(service);
  }

  /**
   * Watches a process started on top of the stack (the Flink job's JVM) as closely as the stack's own
   * children: if it exits although nobody stopped it, {@link #awaitUnexpectedExit()} returns and says so,
   * so {@code up} never keeps running with a dead part. Stopping it stays with whoever started it.
   */
  public void watch(ChildProcess process) {
    synchronized (children) {
      watchedExtras.add(process);
    }
  }

  private static void closeQuietly(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception | LinkageError e) {
      // stopping anyway; the children are stopped next whatever this service left
    }
  }

  boolean closing() {
    return closing;
  }

  /** Where the services can be reached; available once {@link EmbeddedStack#start} has returned. */
  public StackInfo info() {
    if (info == null) {
      throw new IllegalStateException("the stack is not ready");
    }
    return info;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path stackFile() {
    return StackFile.in(dataDir);
  }

  /** Seconds from the call to {@link EmbeddedStack#start} until every service was ready. */
  public double startupSeconds() {
    return startupSeconds;
  }

  /** The embedded children's pids by service key (kafka, registry, elasticsearch); external services have none. */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    synchronized (children) {
      children.forEach((k, c) -> pids.put(k, c.pid()));
    }
    return pids;
  }

  /**
   * Blocks until a child exits although nobody asked it to, and says which one, with its log file.
   * Returns null when the stack was closed instead (or has no children: every service is external,
   * then this blocks until the stack is closed).
   */
  public String awaitUnexpectedExit() throws InterruptedException {
    List<ChildProcess> watched;
    synchronized (children) {
      watched = new ArrayList<>(children.values());
      watched.addAll(watchedExtras);
    }
    CompletableFuture<?>[] exits = watched.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
    while (!closing) {
      try {
        if (exits.length == 0) {
          Thread.sleep(1000);
          continue;
        }
        CompletableFuture.anyOf(exits).get();
      } catch (ExecutionException e) {
        // onExit futures do not fail
      }
      for (ChildProcess c : watched) {
        if (!c.isAlive() && !c.stopping() && !closing) {
          return c.name() + " stopped unexpectedly (exit code " + c.exitValue() + "); see " + c.logFile();
        }
      }
      if (!closing) {
        Thread.sleep(100);
      }
    }
    return null;
  }

  /** Stops every child and releases the data directory. Idempotent; safe from any thread. */
  @Override
  public void close() {
    List<ChildProcess> toStop;
    synchronized (children) {
      if (closing) {
        return;
      }
      closing = true;
      toStop = new ArrayList<>(children.values());
    }
    for (int i = dependents.size() - 1; i >= 0; i--) {
      closeQuietly(dependents.get(i));
    }
    if (!toStop.isEmpty()) {
      progress.accept("Stopping Safe Haven ...");
    }
    List<Thread> stoppers = new ArrayList<>();
    for (ChildProcess c : toStop) {
      Thread t = new Thread(c::stop, "safehaven-stop-" + c.name());
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(stackFile());
    } catch (IOException ignored) {
      // a stale stack.json names ports nobody listens on; readers handle that
    }
    pidFiles.deleteAll();
    lock.close();
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or about to: close() is idempotent
      }
    }
    if (!toStop.isEmpty()) {
      progress.accept("Safe Haven stopped.");
    }
  }
}
