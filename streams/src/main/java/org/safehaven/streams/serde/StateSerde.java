package org.safehaven.streams.serde;

import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.safehaven.core.avro.EncodeBuffer;

/**
 * The serde of the application's own state stores and internal (repartition, changelog) topics: Avro
 * single-object encoding (a 2-byte marker, the writer schema's 64-bit fingerprint, the Avro body).
 *
 * <p>Why not the registry serde: these bytes are never read outside this application, so a registry
 * round trip per new schema buys nothing and would make a restore depend on the registry being up. The
 * fingerprint still tells which schema wrote a record; {@link #withOlderSchema} lets a later version of
 * the application read state written before a schema change (add the old schema, Avro resolves it).
 *
 * <p>Thread-safe: one instance is shared by every task of every stream thread.
 */
public final class StateSerde<T extends SpecificRecord> implements Serde<T> {

  /** The single-object encoding's marker, followed by the schema's 64-bit fingerprint, little-endian. */
  private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};

  private final Class<T> type;
  private final byte[] header;
  private final SpecificDatumWriter<T> writer;
  // One output buffer and encoder per stream thread (core's EncodeBuffer). Avro's BinaryMessageEncoder writes
  // every field through a synchronized ByteArrayOutputStream and copies the result twice; this writes the same
  // bytes, buffered.
  private final ThreadLocal<EncodeBuffer> output = ThreadLocal.withInitial(EncodeBuffer::new);
  private final BinaryMessageDecoder<T> decoder;

  private StateSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.header = header(schema);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
  }

  /** The 10-byte single-object header of {@code schema}: the marker and its parsing fingerprint (CRC-64-AVRO). */
  static byte[] header(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    byte[] h = Arrays.copyOf(MARKER, 10);
    for (int i = 0; i < 8; i++) {
      h[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return h;
  }

  public static <T extends SpecificRecord> StateSerde<T> of(Class<T> type) {
    return new StateSerde<>(type);
  }

  /** Also reads records written with {@code older}, resolving them into the current class. */
  public StateSerde<T> withOlderSchema(Schema older) {
    decoder.addSchema(older);
    return this;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      EncodeBuffer out = output.get();
      out.reset();
      try {
        out.write(header, 0, header.length);
        BinaryEncoder encoder = out.encoder(EncoderFactory.get().binaryEncoder(out, out.encoder()));
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException | RuntimeException e) {
        out.encoder(null); // a buffered encoder may hold part of the failed record: never reuse it
        throw new SerializationException("cannot encode a " + type.getSimpleName() + " for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decoder.decode(bytes);
      } catch (IOException | RuntimeException e) {
        // No content in the message: state holds person references.
        throw new SerializationException("cannot decode a " + type.getSimpleName() + " from " + topic
            + " (" + bytes.length + " bytes, " + e.getClass().getSimpleName() + ")", e);
      }
    };
  }
}
