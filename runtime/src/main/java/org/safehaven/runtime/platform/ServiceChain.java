package org.safehaven.runtime.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.safehaven.runtime.StackException;

/**
 * Services started one after another, each depending on the ones before it, and closed in reverse order.
 *
 * <p>Contract: {@link #start} either returns the started service or, when it fails, closes every service
 * started so far (newest first) and throws a {@link StackException} naming the service that failed, with
 * the cause's own message (our services' start errors are written for users and never echo input).
 * {@link #close} closes each service in its own try, so one failing close never leaves a later one running.
 * Idempotent.
 */
public final class ServiceChain implements AutoCloseable {

  /** Starts one service; may throw. */
  @FunctionalInterface
  public interface Starter<T extends AutoCloseable> {
    T start() throws Exception;
  }

  private record Entry(String name, AutoCloseable service) {}

  private final Consumer<String> progress;
  private final List<Entry> started = new ArrayList<>();
  private boolean closed;

  public ServiceChain(Consumer<String> progress) {
    this.progress = progress;
  }

  public synchronized <T extends AutoCloseable> T start(String name, Starter<T> starter) {
    if (closed) {
      throw new StackException("cannot start " + name + ": Safe Haven is stopping");
    }
    T service;
    try {
      service = starter.start();
    } catch (Exception | LinkageError e) {
      close();
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StackException(name + " did not start: " + message, e);
    }
    started.add(new Entry(name, service));
    progress.accept(name + " started");
    return service;
  }

  /** The names of the running services, in start order. */
  public synchronized List<String> running() {
    return started.stream().map(Entry::name).toList();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      Entry e = started.get(i);
      try {
        e.service().close();
      } catch (Exception | LinkageError failure) {
        progress.accept(e.name() + " did not stop cleanly (" + failure.getClass().getSimpleName() + ")");
      }
    }
    started.clear();
  }
}
