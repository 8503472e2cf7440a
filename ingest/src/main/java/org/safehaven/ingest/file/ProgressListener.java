package org.safehaven.ingest.file;

import org.safehaven.ingest.pipeline.IngestCounts;

/** Told how an import is going, a few times a second at most. */
public interface ProgressListener extends AutoCloseable {

  /**
   * @param bytesRead  bytes of the input consumed so far
   * @param totalBytes the input's size, or -1 when unknown
   * @param counts     the counts so far
   */
  void progress(long bytesRead, long totalBytes, IngestCounts.Snapshot counts);

  @Override
  default void close() {}

  ProgressListener NONE = (read, total, counts) -> {};
}
