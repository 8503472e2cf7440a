package org.safehaven.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * RocksDB options of every state store of the application: one block cache and one memtable budget shared by
 * all store instances of the JVM, instead of Kafka Streams' default of a 50 MB cache and up to 3 x 16 MB
 * memtables per instance.
 *
 * <p>Why: each key-value store of each task is a RocksDB instance of its own, so the defaults multiply by
 * (stores x tasks) and a few dozen partitions would claim gigabytes off the heap, every instance flushing its
 * own small memtables. A shared,
 * bounded cache keeps index and filter blocks (the bloom filters that make a miss cheap: most persons hold no
 * role) resident where every instance can use them.
 *
 * <p>Contract: the sizes are read from the Streams configuration under {@link #CACHE_BYTES_CONFIG} and
 * {@link #WRITE_BUFFER_BYTES_CONFIG} (set by {@code StreamsApp} from {@code streams.rocksDb*}). The first store
 * opened in the JVM fixes them; the cache lives as long as the JVM, because Streams opens and closes store
 * instances (segments, rebalances) at any time.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

  public static final String CACHE_BYTES_CONFIG = "safehaven.rocksdb.cache.bytes";
  public static final String WRITE_BUFFER_BYTES_CONFIG = "safehaven.rocksdb.write.buffer.bytes";

  /** Share of the cache reserved for index and filter blocks, which every lookup reads first. */
  private static final double INDEX_FILTER_RATIO = 0.2;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;
  private static long writeBufferBytes;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Shared shared = shared(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(shared.writeBuffers);
    // Streams' own memtable size (16 MiB), or less on a small budget.
    options.setWriteBufferSize(Math.max(1L << 20, Math.min(16L << 20, shared.writeBufferBytes / 4)));
    options.setMaxWriteBufferNumber(3);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store of the JVM: never closed here.
  }

  private record Shared(Cache cache, WriteBufferManager writeBuffers, long writeBufferBytes) {
  }

  private static synchronized Shared shared(Map<String, Object> configs) {
    if (cache == null) {
      long cacheBytes = bytes(configs, CACHE_BYTES_CONFIG, 64L << 20);
      writeBufferBytes = bytes(configs, WRITE_BUFFER_BYTES_CONFIG, 128L << 20);
      cache = new LRUCache(cacheBytes + writeBufferBytes, -1, false, INDEX_FILTER_RATIO);
      // Memtables are charged to the same cache, so the whole off-heap use is bounded by one figure.
      writeBuffers = new WriteBufferManager(writeBufferBytes, cache);
    }
    return new Shared(cache, writeBuffers, writeBufferBytes);
  }

  private static long bytes(Map<String, Object> configs, String key, long fallback) {
    Object v = configs.get(key);
    if (v == null) {
      return fallback;
    }
    long n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
    if (n < (1L << 20)) {
      throw new IllegalArgumentException(key + " must be at least 1 MiB");
    }
    return n;
  }
}
