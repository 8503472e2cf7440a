package org.safehaven.ingest.file;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.safehaven.ingest.pipeline.IngestCounts;

/**
 * A progress bar on stderr for long imports: megabytes read with the ETA, and events per second. Short
 * inputs (under {@link #MIN_BYTES}) show none, so small imports print only their closing line.
 */
public final class ConsoleProgress implements ProgressListener {

  public static final long MIN_BYTES = 4L << 20;

  private final String task;
  private final long started = System.nanoTime();
  private ProgressBar bar;

  public ConsoleProgress(String task) {
    this.task = task;
  }

  @Override
  public void progress(long bytesRead, long totalBytes, IngestCounts.Snapshot counts) {
    if (bar == null) {
      if (totalBytes >= 0 && totalBytes < MIN_BYTES) {
        return;
      }
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(totalBytes, 0))
          .setUnit(" MB", 1L << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
    }
    bar.stepTo(bytesRead);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    bar.setExtraMessage(String.format("%,d events, %,.0f events/s", counts.read(), counts.read() / seconds));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
