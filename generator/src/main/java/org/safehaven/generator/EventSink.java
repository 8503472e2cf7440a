package org.safehaven.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where generated events go, one interchange-format JSON object per call, without a line terminator. The
 * file writer, standard output and (in the ingest module) the ingest pipeline implement it, so that live
 * mode can feed a running platform directly. Implementations need not be thread-safe: the generator calls
 * from one thread.
 */
@FunctionalInterface
public interface EventSink extends AutoCloseable {

  /** One event (or, when the generator is asked for bad lines, one deliberately invalid line). */
  void accept(String jsonLine) throws IOException;

  /** Called at least once a second in live mode, and at the end. */
  default void flush() throws IOException {
  }

  @Override
  default void close() throws IOException {
  }

  /** JSON Lines on a stream (UTF-8, '\n' after each event); closing the sink closes the stream. */
  static EventSink lines(OutputStream out) {
    return new EventSink() {
      @Override
      public void accept(String jsonLine) throws IOException {
        out.write(jsonLine.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
