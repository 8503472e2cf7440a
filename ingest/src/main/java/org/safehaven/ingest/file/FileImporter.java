package org.safehaven.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.Origin;
import org.safehaven.ingest.pipeline.Outcome;

/**
 * Imports JSON Lines: one event per line, each through the {@link IngestPipeline}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Never stops at a bad line: every line ends accepted, duplicate or rejected (with its dead
 *       letter, which records the line number as {@code sourceOffset}). Blank lines are not events and
 *       are not counted; a UTF-8 byte-order mark and CRLF line ends are tolerated.</li>
 *   <li>A line longer than the event limit is refused without holding it in memory.</li>
 *   <li>Memory is bounded whatever the file's size: lines are read as bytes through a fixed buffer, and
 *       at most {@link #MAX_IN_FLIGHT} events await their broker acknowledgement.</li>
 *   <li>Stops only when an outcome cannot be written (broker unreachable): it then waits for what is in
 *       flight and returns counts whose {@code failed} says how many were not written. Re-running the
 *       same file is safe: what landed comes back as duplicates.</li>
 *   <li>Returns once every outcome is durable, so the counts satisfy
 *       {@code read = accepted + duplicates + rejected (+ failed)}.</li>
 * </ul>
 */
public final class FileImporter {

  public static final int MAX_IN_FLIGHT = 20_000;
  private static final int BUFFER = 1 << 16;
  private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Lines handed to a worker at once: order is kept within a batch, batches run in parallel. */
  static final int BATCH = 512;

  private final IngestPipeline pipeline;
  private final int maxEventBytes;
  private final int workers;

  /** An importer that validates, pseudonymises and encodes on the reading thread only. */
  public FileImporter(IngestPipeline pipeline) {
    this(pipeline, 1);
  }

  /**
   * @param workers threads that run the pipeline on batches of lines while the caller's thread reads;
   *                1 runs everything on the caller's thread, in file order. With more, lines of one batch
   *                keep their order but batches may overtake each other (the platform decides on event
   *                time, not arrival order).
   */
  public FileImporter(IngestPipeline pipeline, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("at least one worker");
    }
    this.pipeline = pipeline;
    this.maxEventBytes = pipeline.validator().limits().maxEventBytes();
    this.workers = workers;
  }

  /** One line read, for a worker: a copy of its bytes (at most the limit + 1), its true size and number. */
  private record Line(byte[] bytes, int length, long size, long number) {}

  private static final List<Line> END = new ArrayList<>();

  public IngestCounts.Snapshot importFile(Path file, ProgressListener progress) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return importStream(in, Files.size(file), progress);
    }
  }

  /**
   * Imports every line of a stream.
   *
   * @param totalBytes the stream's size when known (for progress), else -1
   */
  public IngestCounts.Snapshot importStream(InputStream in, long totalBytes, ProgressListener progress)
      throws IOException {
    IngestCounts counts = new IngestCounts();
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    BlockingQueue<List<Line>> queue = workers > 1 ? new ArrayBlockingQueue<>(workers * 4) : null;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < (queue == null ? 0 : workers); w++) {
      Thread t = new Thread(() -> work(queue, counts, inFlight, failure), "safehaven-import-" + w);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    List<Line> batch = new ArrayList<>(BATCH);
    byte[] buf = new byte[BUFFER];
    byte[] line = new byte[Math.min(maxEventBytes + 1, 1 << 20)];
    int lineLen = 0;
    long lineSize = 0; // the true size, which exceeds lineLen for an oversized line
    long lineNo = 0;
    long bytesRead = 0;
    boolean bomChecked = false;
    long lastProgress = System.nanoTime();
    int n;
    while (failure.get() == null && (n = in.read(buf)) >= 0) {
      int start = 0;
      if (!bomChecked && n > 0) {
        bomChecked = true;
        if (n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
          start = 3;
        }
      }
      bytesRead += n;
      for (int i = start; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          lineNo++;
          if (queue == null) {
            submit(line, lineLen, lineSize, lineNo, counts, inFlight, failure);
          } else {
            batch.add(new Line(Arrays.copyOf(line, lineLen), lineLen, lineSize, lineNo));
            if (batch.size() == BATCH) {
              put(queue, batch);
              batch = new ArrayList<>(BATCH);
            }
          }
          lineLen = 0;
          lineSize = 0;
        } else {
          if (lineLen < line.length) {
            line[lineLen++] = b;
          }
          lineSize++;
        }
      }
      long now = System.nanoTime();
      if (now - lastProgress > PROGRESS_NANOS) {
        progress.progress(bytesRead, totalBytes, counts.snapshot());
        lastProgress = now;
      }
    }
    if (failure.get() == null && lineSize > 0) {
      if (queue == null) {
        submit(line, lineLen, lineSize, lineNo + 1, counts, inFlight, failure);
      } else {
        batch.add(new Line(Arrays.copyOf(line, lineLen), lineLen, lineSize, lineNo + 1));
      }
    }
    if (queue != null) {
      if (!batch.isEmpty()) {
        put(queue, batch);
      }
      for (int w = 0; w < threads.size(); w++) {
        put(queue, END);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while importing", e);
        }
      }
    }
    pipeline.flush();
    try {
      inFlight.acquire(MAX_IN_FLIGHT); // every outcome is durable (or failed)
      inFlight.release(MAX_IN_FLIGHT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the broker's acknowledgements", e);
    }
    pipeline.flush();
    IngestCounts.Snapshot result = counts.snapshot().requireBalanced();
    progress.progress(bytesRead, totalBytes, result);
    return result;
  }

  private void work(BlockingQueue<List<Line>> queue, IngestCounts counts, Semaphore inFlight,
                    AtomicReference<Throwable> failure) {
    try {
      List<Line> batch;
      while ((batch = queue.take()) != END) {
        for (Line l : batch) {
          if (failure.get() == null) {
            submit(l.bytes(), l.length(), l.size(), l.number(), counts, inFlight, failure);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void put(BlockingQueue<List<Line>> queue, List<Line> batch) throws IOException {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while importing", e);
    }
  }

  private void submit(byte[] line, int len, long size, long lineNo, IngestCounts counts, Semaphore inFlight,
                      AtomicReference<Throwable> failure) {
    int end = len;
    if (end > 0 && line[end - 1] == '\r' && size == len) {
      end--;
    }
    if (size == len && isBlank(line, end)) {
      return;
    }
    counts.read();
    inFlight.acquireUninterruptibly();
    CompletableFuture<Outcome> outcome;
    if (size > maxEventBytes) {
      outcome = pipeline.ingestOversized(size, Origin.fileLine(lineNo));
    } else {
      // The pipeline has read the bytes when ingest returns, so the line buffer is reused as it is.
      outcome = pipeline.ingest(line, 0, end, Origin.fileLine(lineNo));
    }
    outcome.whenComplete((o, error) -> {
      if (o != null) {
        counts.record(o);
      } else {
        counts.failed();
        failure.compareAndSet(null, error);
      }
      inFlight.release();
    });
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
