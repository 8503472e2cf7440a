package org.safehaven.ingest.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Remembers every event ingest has accepted, so that the same event twice gives one canonical record:
 * across the three entries (file, HTTP, raw topic), across restarts, for a national year (about 60
 * million events) without holding them on the heap.
 *
 * <p>Design: a RocksDB database (the same native library Kafka Streams uses) under
 * {@code DATA/ingest/dedup}, keyed by SHA-256(force, eventId): 32 bytes per event whatever the id's
 * length, about 2.5 GB on disk for 60 million, with bloom filters so that the common case, a new
 * event, is answered from memory. The value is the acceptance time (8 bytes), so old entries could be
 * aged out later. The force is part of the key so that one force cannot suppress another's events by
 * sending their eventIds first.
 *
 * <p>Protocol, per event: {@link #tryReserve} before producing (false: a duplicate, either already
 * accepted or in flight right now); {@link #confirm} once the broker has acknowledged the canonical
 * record; {@link #release} if producing failed, so a retry is not mistaken for a duplicate. Confirmed
 * keys are queued (cheap on the producer's network thread) and written in batches, sorted, by the store's own
 * writer thread once {@value #BATCH} are pending, or by {@link #flush}; until then they stay reserved in memory, so
 * no duplicate slips through the gap. (The writer thread keeps the RocksDB writes, a tenth of the importer's
 * thread when it did them itself, off the thread that reads and deduplicates; should it fall
 * {@value #LAG_LIMIT} keys behind, the callers write themselves, which bounds the memory. A write failure on
 * it is thrown by the next {@link #tryReserve} or {@link #tryReserveAll}.)
 *
 * <p>Trade-offs, written down:
 * <ul>
 *   <li>A crash after the broker acknowledged a record but before its key was written means the event
 *       can be accepted once more after restart (at-least-once). Consumers key their own idempotence on
 *       eventId (alerts on (rule, triggeringEventId)), so a rare repeat is harmless, whereas the
 *       opposite order (mark, then produce) could lose an event for good.</li>
 *   <li>One process owns the store (RocksDB locks it). Several ingest instances would each need their
 *       own store and a routing of events by force to instances, or a shared store; the embedded
 *       default runs one ingest service, and {@code ./safehaven ingest} sends files through it.</li>
 * </ul>
 * Thread-safe.
 */
public final class DedupStore implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  /** Confirmed keys are written to disk in batches of this many (or on {@link #flush}). */
  static final int BATCH = 8192;

  private final Path dir;
  private final Options options;
  private final LRUCache cache;
  private final RocksDB db;
  private final WriteOptions writeOptions = new WriteOptions();
  private final KeySet reserved = new KeySet();
  private final Object batchLock = new Object();
  // Confirmations arrive on the producer's network thread; they are only queued there (writing to
  // RocksDB on that thread would stall every send) and written by the ingesting threads.
  private final ConcurrentLinkedQueue<byte[]> confirmed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger confirmedCount = new AtomicInteger();
  private volatile boolean closed;
  private volatile RuntimeException writeFailure;
  private volatile boolean stopping;
  // One thread that writes confirmed batches to RocksDB, fed a task each time another BATCH keys are confirmed.
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "safehaven-dedup-writer");
    t.setDaemon(true);
    return t;
  });

  /** Confirmed keys the writer thread may leave unwritten before callers write them themselves. */
  static final int LAG_LIMIT = 4 * BATCH;

  private DedupStore(Path dir, Options options, LRUCache cache, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.cache = cache;
    this.db = db;
  }

  /** Has the writer thread write what is confirmed; a failure is kept for the next reservation to throw. */
  private void writeLater() {
    try {
      writer.execute(() -> {
        try {
          flush();
        } catch (RuntimeException e) {
          writeFailure = e;
        }
      });
    } catch (RejectedExecutionException e) {
      // Closing: close() writes whatever is still pending itself.
    }
  }

  /** Throws a failure of the writer thread once; writes pending keys here when the writer lags far behind. */
  private void afterWriter() {
    RuntimeException failed = writeFailure;
    if (failed != null) {
      writeFailure = null;
      throw failed;
    }
    if (confirmedCount.get() >= LAG_LIMIT) {
      flush();
    }
  }

  /**
   * Opens (creating if needed) the store in a directory.
   *
   * @throws IllegalStateException when another process holds the store, or it cannot be opened
   */
  public static DedupStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the dedup store directory " + dir, e);
    }
    LRUCache cache = new LRUCache(32L << 20);
    Options options = new Options()
        .setCreateIfMissing(true)
        .setCompressionType(CompressionType.NO_COMPRESSION) // SHA-256 keys do not compress
        .setWriteBufferSize(32L << 20)
        .setMaxWriteBufferNumber(3)
        .setMaxBackgroundJobs(2)
        // A bloom filter over the memtable too: the common answer, "never seen", then costs no skip-list
        // search through the (up to 32 MB of) keys accepted since the last flush.
        .setMemtablePrefixBloomSizeRatio(0.1)
        .setMemtableWholeKeyFiltering(true)
        .setTableFormatConfig(new BlockBasedTableConfig()
            .setFilterPolicy(new BloomFilter(10, false))
            .setBlockCache(cache)
            .setCacheIndexAndFilterBlocks(false));
    try {
      return new DedupStore(dir, options, cache, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      options.close();
      cache.close();
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("lock")) {
        throw new IllegalStateException("the dedup store " + dir + " is in use by another ingest process "
            + "(a running ./safehaven up owns it; ./safehaven ingest then sends files through that service)", e);
      }
      throw new IllegalStateException("cannot open the dedup store " + dir + ": " + msg, e);
    }
  }

  /** The store key of an event: SHA-256 of the force and the eventId (the only keys the store takes: 32 bytes). */
  public static byte[] key(String force, String eventId) {
    MessageDigest md = SHA256.get();
    md.update(force.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
    return md.digest(eventId.getBytes(StandardCharsets.UTF_8));
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  });

  /**
   * Claims an event for producing. False when it was accepted before or is being produced right now:
   * then it is a duplicate.
   */
  public boolean tryReserve(byte[] key) {
    ensureOpen();
    afterWriter();
    if (!reserved.add(key)) {
      return false;
    }
    try {
      if (db.keyMayExist(key, null) && db.get(key) != null) {
        reserved.remove(key);
        return false;
      }
      return true;
    } catch (RocksDBException e) {
      reserved.remove(key);
      throw new IllegalStateException("the dedup store cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * {@link #tryReserve} for several keys at once, in order, with one lookup on disk for all of them
   * (a batch of a file import): {@code result[i]} is true when {@code keys.get(i)} is claimed. A key
   * that appears twice in the list is claimed at its first place only.
   */
  public boolean[] tryReserveAll(List<byte[]> keys) {
    ensureOpen();
    afterWriter();
    int n = keys.size();
    boolean[] fresh = new boolean[n];
    List<byte[]> claimed = new ArrayList<>(n);
    int[] at = new int[n];
    for (int i = 0; i < n; i++) {
      byte[] key = keys.get(i);
      if (reserved.add(key)) {
        at[claimed.size()] = i;
        claimed.add(key);
      }
    }
    if (claimed.isEmpty()) {
      return fresh;
    }
    List<byte[]> stored;
    try {
      stored = db.multiGetAsList(claimed);
    } catch (RocksDBException | RuntimeException e) {
      reserved.removeAll(claimed);
      throw new IllegalStateException("the dedup store cannot be read: " + e.getMessage(), e);
    }
    for (int j = 0; j < claimed.size(); j++) {
      if (stored.get(j) == null) {
        fresh[at[j]] = true;
      } else {
        reserved.remove(claimed.get(j));
      }
    }
    return fresh;
  }

  /** Gives up a reservation after producing failed, so the event can be tried again. */
  public void release(byte[] key) {
    reserved.remove(key);
  }

  /** Records an event as accepted, after the broker acknowledged its canonical record. */
  public void confirm(byte[] key) {
    confirmed.add(key);
    if (confirmedCount.incrementAndGet() % BATCH == 0) {
      writeLater();
    }
  }

  /** Writes every confirmed key to disk. */
  public void flush() {
    synchronized (batchLock) {
      writePending();
    }
  }

  private void writePending() {
    if (confirmed.isEmpty() || closed) {
      return;
    }
    byte[] value = ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array();
    List<byte[]> written = new ArrayList<>(Math.max(16, confirmedCount.get()));
    try (WriteBatch batch = new WriteBatch()) {
      byte[] k;
      while ((k = confirmed.poll()) != null) {
        written.add(k);
      }
      // In key order, each insert into the memtable's skip list starts from where the previous one ended
      // (RocksDB keeps that position for a single writer) instead of searching from the top through cache
      // misses: about 1 us less per event, measured (docs/benchmarks.md, fourth session).
      written.sort(Arrays::compareUnsigned);
      for (byte[] w : written) {
        batch.put(w, value);
      }
      confirmedCount.addAndGet(-written.size());
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      // Keys stay reserved in memory: duplicates are still caught in this run; only durability suffers.
      throw new IllegalStateException("the dedup store cannot be written: " + e.getMessage(), e);
    }
    reserved.removeAll(written);
  }

  /** Reservations and unwritten confirmations held in memory (for tests and metrics). */
  public int inMemory() {
    return reserved.size();
  }

  public Path dir() {
    return dir;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the dedup store is closed");
    }
  }

  @Override
  public void close() {
    synchronized (batchLock) {
      if (closed || stopping) {
        return;
      }
      stopping = true;
    }
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (batchLock) {
      writePending();
      closed = true;
    }
    db.close();
    writeOptions.close();
    options.close();
    cache.close();
  }
}
