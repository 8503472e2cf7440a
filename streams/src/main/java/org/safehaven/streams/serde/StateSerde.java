package org.safehaven.streams.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

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

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private StateSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
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
      try {
        ByteBuffer buf = encoder.encode(value);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
      } catch (IOException e) {
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
