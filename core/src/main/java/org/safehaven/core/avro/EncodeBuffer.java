package org.safehaven.core.avro;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.io.BinaryEncoder;

/**
 * A growable, unsynchronised byte buffer with the Avro encoder that writes into it, meant to be kept one per
 * thread ({@code ThreadLocal.withInitial(EncodeBuffer::new)}) and reused for every record that thread encodes.
 *
 * <p>Why: Avro's usual path writes every field through a fresh {@code ByteArrayOutputStream}, whose every
 * write is synchronised, and copies the result more than once; profiled, that was a fifth of the importer's
 * thread and a sixth of a stream thread. Contract: not thread-safe and not re-entrant — one record at a time,
 * {@link #reset()} first, {@link #toByteArray()} last. A buffer grown past {@link #KEEP_BYTES} by an unusually
 * large record is dropped by {@link #toByteArray()} rather than kept for the thread's lifetime.
 */
public final class EncodeBuffer extends OutputStream {

  static final int KEEP_BYTES = 64 * 1024;
  private static final int INITIAL_BYTES = 1024;

  private byte[] buf = new byte[INITIAL_BYTES];
  private int count;
  private BinaryEncoder encoder;

  /** Empties the buffer for the next record. */
  public void reset() {
    count = 0;
  }

  /** The encoder last stored here, for Avro's {@code EncoderFactory} to reuse; null at first. */
  public BinaryEncoder encoder() {
    return encoder;
  }

  /** Keeps the encoder that writes into this buffer (as returned by {@code EncoderFactory}) for the next record. */
  public BinaryEncoder encoder(BinaryEncoder encoder) {
    this.encoder = encoder;
    return encoder;
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /** How many bytes the current record has so far. */
  public int size() {
    return count;
  }

  /** A copy of the bytes written since {@link #reset()}; the buffer is empty afterwards. */
  public byte[] toByteArray() {
    byte[] bytes = Arrays.copyOf(buf, count);
    if (buf.length > KEEP_BYTES) {
      buf = new byte[INITIAL_BYTES];
    }
    count = 0;
    return bytes;
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }
}
