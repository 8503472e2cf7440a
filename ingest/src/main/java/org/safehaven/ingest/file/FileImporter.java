package org.safehaven.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.IngestPipeline.Prepared;
import org.safehaven.ingest.pipeline.Origin;

/**
 * Imports JSON Lines: one event per line, each through the {@link IngestPipeline}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Never stops at a bad line: every line ends accepted, duplicate or rejected (with its dead
 *       letter, which records the line number as {@code sourceOffset}). Blank lines are not events and
 *       are not counted; a UTF-8 byte-order mark and CRLF line ends are tolerated.</li>
 *   <li>A line longer than the event limit is refused without holding it in memory.</li>
 *   <li>Memory is bounded whatever the file's size: lines are read as bytes through a fixed buffer, at
 *       most {@code 2 * workers + 1} batches (each at most {@value #BATCH} lines and about 1 MB) are read
 *       ahead, and at most {@link #MAX_IN_FLIGHT} events await their broker acknowledgement.</li>
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

  /** Lines prepared and committed together (one dedup lookup for all of them). */
  static final int BATCH = 512;
  /** A batch also ends at this many bytes, so a file of large lines holds no more in memory. */
  private static final int BATCH_BYTES = 1 << 20;

  private final IngestPipeline pipeline;
  private final int maxEventBytes;
  private final int workers;

  /** An importer that validates, pseudonymises and encodes on the reading thread only. */
  public FileImporter(IngestPipeline pipeline) {
    this(pipeline, 1);
  }

  /**
   * @param workers threads that prepare batches of lines (validate, pseudonymise, map) while the caller's
   *                thread reads; 1 does everything on the caller's thread. Whatever the number, batches are
   *                committed (deduplicated and written) in file order on the caller's thread, so records
   *                with one key (one person's flows) keep their file order on their partition, and of two
   *                lines with the same eventId the first is the one accepted.
   */
  public FileImporter(IngestPipeline pipeline, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("at least one worker");
    }
    this.pipeline = pipeline;
    this.maxEventBytes = pipeline.validator().limits().maxEventBytes();
    this.workers = workers;
  }

  /**
   * Lines read, copied into one buffer: each line's bytes (at most the limit + 1; CR of a CRLF already
   * dropped), its true size and its 1-based number. Blank lines never enter a batch.
   */
  private static final class Batch {
    byte[] data = new byte[BATCH * 320];
    int used;
    int count;
    final int[] offset = new int[BATCH];
    final int[] length = new int[BATCH];
    final long[] size = new long[BATCH];
    final long[] number = new long[BATCH];

    void add(byte[] line, int len, long trueSize, long lineNo) {
      if (used + len > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, used + len));
      }
      System.arraycopy(line, 0, data, used, len);
      offset[count] = used;
      length[count] = len;
      size[count] = trueSize;
      number[count] = lineNo;
      used += len;
      count++;
    }

    boolean full() {
      return count == BATCH || used >= BATCH_BYTES;
    }
  }

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
    ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemon()) : null;
    try {
      return run(in, totalBytes, progress, pool);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private IngestCounts.Snapshot run(InputStream in, long totalBytes, ProgressListener progress, ExecutorService pool)
      throws IOException {
    Committer committer = new Committer(pool);
    Batch batch = new Batch();
    byte[] buf = new byte[BUFFER];
    byte[] line = new byte[Math.min(maxEventBytes + 1, 1 << 20)];
    int lineLen = 0;
    long lineSize = 0; // the true size, which exceeds lineLen for an oversized line
    long lineNo = 0;
    long bytesRead = 0;
    boolean bomChecked = false;
    long lastProgress = System.nanoTime();
    int n;
    while (!committer.failed() && (n = in.read(buf)) >= 0) {
      int start = 0;
      if (!bomChecked && n > 0) {
        bomChecked = true;
        if (n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
          start = 3;
        }
      }
      bytesRead += n;
      int i = start;
      while (i < n) {
        int end = i;
        while (end < n && buf[end] != '\n') {
          end++;
        }
        // buf[i, end) belongs to the current line: copy what fits under the limit, count all of it.
        int copy = Math.min(end - i, line.length - lineLen);
        System.arraycopy(buf, i, line, lineLen, copy);
        lineLen += copy;
        lineSize += end - i;
        if (end < n) {
          lineNo++;
          if (add(batch, line, lineLen, lineSize, lineNo)) {
            committer.submit(batch);
            batch = new Batch();
          }
          lineLen = 0;
          lineSize = 0;
        }
        i = end + 1;
      }
      long now = System.nanoTime();
      if (now - lastProgress > PROGRESS_NANOS) {
        progress.progress(bytesRead, totalBytes, committer.counts.snapshot());
        lastProgress = now;
      }
    }
    if (!committer.failed() && lineSize > 0) {
      add(batch, line, lineLen, lineSize, lineNo + 1);
    }
    if (batch.count > 0) {
      committer.submit(batch);
    }
    committer.drain();
    pipeline.flush();
    try {
      committer.inFlight.acquire(MAX_IN_FLIGHT); // every outcome is durable (or failed)
      committer.inFlight.release(MAX_IN_FLIGHT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the broker's acknowledgements", e);
    }
    pipeline.flush();
    IngestCounts.Snapshot result = committer.counts.snapshot().requireBalanced();
    progress.progress(bytesRead, totalBytes, result);
    return result;
  }

  /** Adds a line unless it is blank; true when the batch is then full. */
  private static boolean add(Batch batch, byte[] line, int len, long size, long lineNo) {
    int end = len;
    if (end > 0 && line[end - 1] == '\r' && size == len) {
      end--;
    }
    if (size == len && isBlank(line, end)) {
      return false;
    }
    batch.add(line, end, size, lineNo);
    return batch.full();
  }

  private List<Prepared> prepare(Batch b) {
    List<Prepared> prepared = new ArrayList<>(b.count);
    for (int i = 0; i < b.count; i++) {
      Origin origin = Origin.fileLine(b.number[i]);
      prepared.add(b.size[i] > maxEventBytes
          ? pipeline.prepareOversized(b.size[i], origin)
          : pipeline.prepare(b.data, b.offset[i], b.length[i], origin));
    }
    return prepared;
  }

  /**
   * Commits batches in the order submitted: prepared on the pool when there is one (at most
   * {@code 2 * workers} batches ahead), committed on the reading thread.
   */
  private final class Committer {
    final IngestCounts counts = new IngestCounts();
    final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ExecutorService pool;
    private final ArrayDeque<Future<List<Prepared>>> ahead = new ArrayDeque<>();

    Committer(ExecutorService pool) {
      this.pool = pool;
    }

    boolean failed() {
      return failure.get() != null;
    }

    void submit(Batch batch) throws IOException {
      if (pool == null) {
        commit(prepare(batch));
        return;
      }
      ahead.add(pool.submit(() -> prepare(batch)));
      while (!ahead.isEmpty() && (ahead.size() > 2 * workers || ahead.peek().isDone())) {
        commit(take(ahead.poll()));
      }
    }

    void drain() throws IOException {
      while (!ahead.isEmpty()) {
        commit(take(ahead.poll()));
      }
    }

    private List<Prepared> take(Future<List<Prepared>> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while importing", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("ingest failed to prepare a batch of lines: "
            + e.getCause().getClass().getName(), e.getCause());
      }
    }

    private void commit(List<Prepared> prepared) {
      if (failed()) {
        return; // stopped: lines after the failure are neither read nor counted
      }
      for (int i = 0; i < prepared.size(); i++) {
        counts.read();
      }
      inFlight.acquireUninterruptibly(prepared.size());
      pipeline.commit(prepared, listener);
    }

    // One listener for every event (no future per event): counts the outcome, frees its in-flight place.
    private final IngestPipeline.Listener listener = (index, outcome, error) -> {
      if (outcome != null) {
        counts.record(outcome);
      } else {
        counts.failed();
        failure.compareAndSet(null, error);
      }
      inFlight.release();
    };
  }

  private static ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "safehaven-import-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
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
