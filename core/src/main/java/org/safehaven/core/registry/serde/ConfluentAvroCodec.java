package org.safehaven.core.registry.serde;

import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.safehaven.core.avro.EncodeBuffer;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.IncompatibleSchemaException;
import org.safehaven.core.registry.InvalidSchemaException;
import org.safehaven.core.registry.RegistryRequestException;
import org.safehaven.core.registry.RegistryUnavailableException;
import org.safehaven.core.registry.SchemaNotFoundException;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format for one generated Avro class: a magic byte 0, the writer schema's registry
 * id as 4 bytes big-endian, then the Avro binary encoding of the record. Bytes written by Confluent's
 * {@code KafkaAvroSerializer} read here and the other way round.
 *
 * <p>Writing registers the class's schema under the subject {@code <topic>-value} ({@code <topic>-key}
 * for keys; Confluent's TopicNameStrategy) the first time a topic is written, or, with auto-registration
 * off, looks up the id of the already registered schema; the id is then cached per topic. Reading fetches
 * the writer schema by the id in the header (cached) and resolves it into the class's schema, so data
 * written with an older (or newer, compatible) schema reads into today's class.
 *
 * <p>Both directions are thread-safe. The one null: a null value is a tombstone (Kafka's delete marker)
 * and passes through as null both ways. Everything else that is wrong gives a {@link SerdeException}
 * with its {@link SerdeException.Kind}.
 *
 * <p>The Kafka classes ({@link AvroSerializer}, {@link AvroDeserializer}, {@link AvroSerde}) delegate
 * here. For Flink, build the codec with {@link #forRegistryUrl}: it is {@link Serializable} (the URL,
 * the class and the options travel; the registry client and caches are transient and created on first
 * use in each task), so a {@code SerializationSchema}/{@code DeserializationSchema} can hold it as a field.
 * A codec built around a live client ({@link #of}) is for use inside one JVM.
 *
 * @param <T> the generated Avro class
 */
public final class ConfluentAvroCodec<T extends SpecificRecord> implements Serializable, AutoCloseable {

  private static final long serialVersionUID = 1L;

  public static final byte MAGIC_BYTE = 0;
  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;

  private final Class<T> type;
  private final String registryUrl;
  private final boolean autoRegister;
  private final boolean forKeys;

  // Null after Java deserialization; rebuilt from registryUrl on first use.
  private transient volatile SchemaRegistryClient client;
  private transient volatile boolean ownsClient;
  private transient volatile Internals<T> internals;

  private ConfluentAvroCodec(Class<T> type, String registryUrl, SchemaRegistryClient client, boolean ownsClient,
                             boolean autoRegister, boolean forKeys) {
    this.type = Objects.requireNonNull(type, "type");
    this.registryUrl = registryUrl;
    this.client = client;
    this.ownsClient = ownsClient;
    this.autoRegister = autoRegister;
    this.forKeys = forKeys;
    classSchema(type); // refuse a class that is not a generated Avro record now, not at the first record
  }

  /**
   * A codec for values of {@code type} using a client the caller owns (and closes), auto-registering
   * the schema.
   */
  public static <T extends SpecificRecord> ConfluentAvroCodec<T> of(SchemaRegistryClient client, Class<T> type) {
    return new ConfluentAvroCodec<>(type, null, Objects.requireNonNull(client, "client"), false, true, false);
  }

  /**
   * A serializable codec for values of {@code type} that creates its own {@link HttpSchemaRegistryClient}
   * for {@code registryUrl} on first use (and closes it in {@link #close()}), auto-registering the schema.
   *
   * @throws IllegalArgumentException when the URL is not a usable registry URL
   */
  public static <T extends SpecificRecord> ConfluentAvroCodec<T> forRegistryUrl(String registryUrl, Class<T> type) {
    HttpSchemaRegistryClient.validateBaseUrl(registryUrl); // now, not later in a remote task
    return new ConfluentAvroCodec<>(type, registryUrl, null, false, true, false);
  }

  /** The same codec with auto-registration on or off (off: the schema must already be registered). */
  public ConfluentAvroCodec<T> withAutoRegister(boolean autoRegister) {
    return new ConfluentAvroCodec<>(type, registryUrl, sharedClient(), false, autoRegister, forKeys);
  }

  /** The same codec for record keys ({@code true}: subject {@code <topic>-key}) or values. */
  public ConfluentAvroCodec<T> forKeys(boolean forKeys) {
    return new ConfluentAvroCodec<>(type, registryUrl, sharedClient(), false, autoRegister, forKeys);
  }

  // A copy shares a caller's client; a URL-built copy makes its own, so closing one leaves the other working.
  private SchemaRegistryClient sharedClient() {
    return registryUrl == null ? client : null;
  }

  public Class<T> type() {
    return type;
  }

  public boolean autoRegister() {
    return autoRegister;
  }

  public boolean isForKeys() {
    return forKeys;
  }

  /** The registry subject this codec writes to for a topic (TopicNameStrategy). */
  public String subject(String topic) {
    return topic + (forKeys ? "-key" : "-value");
  }

  // ---------------------------------------------------------------- writing

  /**
   * The wire-format bytes of the record; null for a null record (a tombstone).
   *
   * @throws SerdeException REGISTRY_UNREACHABLE, REGISTRY_ERROR, SCHEMA_NOT_REGISTERED, INCOMPATIBLE_SCHEMA
   *                        or ENCODE_FAILED
   */
  public byte[] encode(String topic, T record) {
    requireTopic(topic);
    if (record == null) {
      return null;
    }
    Internals<T> in = internals();
    int id = writerId(in, topic);
    EncodeBuffer out = ENCODE_BUFFERS.get();
    out.reset();
    out.write(MAGIC_BYTE);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    try {
      BinaryEncoder encoder = out.encoder(EncoderFactory.get().directBinaryEncoder(out, out.encoder()));
      in.writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(SerdeException.Kind.ENCODE_FAILED, topic, null, null, id,
          "could not encode a " + type.getSimpleName() + " with its schema: " + encodeFailure(e), redacted(e));
    }
    return out.toByteArray();
  }

  /**
   * One buffer and one direct encoder per thread, reused for every record that thread encodes (see
   * {@link EncodeBuffer}). The direct encoder keeps no bytes of its own between calls, so a failed record
   * leaves nothing behind for the next one.
   */
  private static final ThreadLocal<EncodeBuffer> ENCODE_BUFFERS = ThreadLocal.withInitial(EncodeBuffer::new);

  private int writerId(Internals<T> in, String topic) {
    Integer cached = in.writerIds.get(topic);
    if (cached != null) {
      return cached;
    }
    String subject = subject(topic);
    int id;
    try {
      id = autoRegister ? in.client.register(subject, in.schema) : in.client.lookupId(subject, in.schema);
    } catch (SchemaNotFoundException e) {
      throw new SerdeException(SerdeException.Kind.SCHEMA_NOT_REGISTERED, topic, null, null, null,
          "the " + type.getSimpleName() + " schema is not registered under subject '" + subject
              + "' and auto-registration is off", e);
    } catch (IncompatibleSchemaException e) {
      throw new SerdeException(SerdeException.Kind.INCOMPATIBLE_SCHEMA, topic, null, null, null,
          "the registry refused the " + type.getSimpleName() + " schema under subject '" + subject
              + "' as incompatible with its compatibility level", e);
    } catch (SchemaRegistryException e) {
      throw registryFailure(e, topic, null, null, null);
    }
    in.writerIds.put(topic, id);
    return id;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The record in {@code bytes}; null for null bytes (a tombstone). Use
   * {@link #decode(String, int, long, byte[])} when the position is known, so errors name it.
   *
   * @throws SerdeException for any other bytes that are not a readable record, see {@link SerdeException.Kind}
   */
  public T decode(String topic, byte[] bytes) {
    return decode(topic, null, null, bytes);
  }

  /** As {@link #decode(String, byte[])}, naming the partition and offset in any error. */
  public T decode(String topic, int partition, long offset, byte[] bytes) {
    return decode(topic, Integer.valueOf(partition), Long.valueOf(offset), bytes);
  }

  private T decode(String topic, Integer partition, Long offset, byte[] bytes) {
    requireTopic(topic);
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0) {
      throw new SerdeException(SerdeException.Kind.EMPTY, topic, partition, offset, null,
          "the value is empty (0 bytes); a delete is a null value, not an empty one", null);
    }
    if (bytes.length < HEADER_SIZE) {
      throw new SerdeException(SerdeException.Kind.TOO_SHORT, topic, partition, offset, null,
          "the value has " + bytes.length + " byte(s); the wire format needs at least " + HEADER_SIZE
              + " (magic byte and schema id)", null);
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new SerdeException(SerdeException.Kind.WRONG_MAGIC_BYTE, topic, partition, offset, null,
          String.format("the first byte is 0x%02x, not the magic byte 0x00 of the Confluent Avro wire format%s",
              bytes[0] & 0xff, bytes[0] == '{' || bytes[0] == '[' ? " (the value looks like JSON)" : ""), null);
    }
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    Internals<T> in = internals();
    Resolved<T> resolved = resolvedFor(in, id, topic, partition, offset);
    int bodyLength = bytes.length - HEADER_SIZE;
    try {
      // Walk the body with the writer schema first, without building anything: Avro allocates a
      // string's declared length before reading it, so a corrupt length would otherwise cost up to 2 GB.
      // Skipping checks every length against the bytes actually there.
      BinaryDecoder check = DecoderFactory.get().binaryDecoder(bytes, HEADER_SIZE, bodyLength, null);
      GenericDatumReader.skip(resolved.writer, check);
      int leftOver = remaining(check);
      if (leftOver != 0) {
        throw new SerdeException(SerdeException.Kind.CORRUPT_BODY, topic, partition, offset, id,
            (leftOver < 0 ? "bytes" : leftOver + " byte(s)") + " left over after the " + type.getSimpleName()
                + " record", null);
      }
      return resolved.reader.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER_SIZE, bodyLength, null));
    } catch (EOFException e) {
      throw new SerdeException(SerdeException.Kind.TRUNCATED_BODY, topic, partition, offset, id,
          "the Avro body (" + bodyLength + " bytes) ends before the " + type.getSimpleName() + " record written"
              + " with schema id " + id + " does", redacted(e));
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerdeException serde) {
        throw serde;
      }
      throw new SerdeException(SerdeException.Kind.CORRUPT_BODY, topic, partition, offset, id,
          "the Avro body does not decode as a " + type.getSimpleName() + " written with schema id " + id
              + " (" + e.getClass().getSimpleName() + ")", redacted(e));
    }
  }

  private Resolved<T> resolvedFor(Internals<T> in, int id, String topic, Integer partition, Long offset) {
    Resolved<T> cached = in.resolved.get(id);
    if (cached != null) {
      return cached;
    }
    Schema writer;
    try {
      writer = in.client.getById(id);
    } catch (SchemaNotFoundException e) {
      throw new SerdeException(SerdeException.Kind.UNKNOWN_SCHEMA_ID, topic, partition, offset, id,
          "the registry has no schema with id " + id, e);
    } catch (InvalidSchemaException e) {
      throw new SerdeException(SerdeException.Kind.SCHEMA_MISMATCH, topic, partition, offset, id,
          "schema id " + id + " is not a usable Avro schema", e);
    } catch (SchemaRegistryException e) {
      throw registryFailure(e, topic, partition, offset, id);
    }
    SchemaPairCompatibility resolution = SchemaCompatibility.checkReaderWriterCompatibility(in.schema, writer);
    if (resolution.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new SerdeException(SerdeException.Kind.SCHEMA_MISMATCH, topic, partition, offset, id,
          "data written with schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
              + in.schema.getFullName() + ": " + firstIncompatibility(resolution), null);
    }
    Resolved<T> made = new Resolved<>(writer, new SpecificDatumReader<>(writer, in.schema, in.readData));
    Resolved<T> raced = in.resolved.putIfAbsent(id, made);
    return raced == null ? made : raced;
  }

  /** A writer schema and the reader that resolves it into the class's schema. */
  private record Resolved<T>(Schema writer, SpecificDatumReader<T> reader) {}

  /**
   * A model that builds Avro arrays as {@link ArrayList}s. Avro's own {@code GenericData.Array} compares
   * itself using a model without the generated classes' logical-type conversions, so {@code equals} on
   * a decoded {@code PersonRoles} or {@code LineageRecord} (arrays of records with a nullable timestamp)
   * throws "Unknown datum type java.time.Instant". A plain list compares element by element with the
   * generated {@code equals}. The initial capacity is capped: the declared count comes from the bytes.
   */
  private static final class ListArraysData extends SpecificData {
    ListArraysData(ClassLoader loader) {
      super(loader);
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
      if (old instanceof Collection<?> reused) {
        reused.clear();
        return reused;
      }
      return new ArrayList<>(Math.max(0, Math.min(size, 1024)));
    }
  }

  @Override
  public void close() {
    Internals<T> in = internals;
    internals = null;
    if (ownsClient && in != null) {
      in.client.close();
    }
  }

  @Override
  public String toString() {
    return "ConfluentAvroCodec[" + type.getName() + (forKeys ? ", keys" : ", values")
        + (autoRegister ? ", auto-register" : "") + "]";
  }

  // ---------------------------------------------------------------- lazily built state

  /** The non-serializable working state, built on first use in each JVM. */
  private static final class Internals<T extends SpecificRecord> {
    final SchemaRegistryClient client;
    final Schema schema;
    final SpecificData data;
    final SpecificData readData;
    final SpecificDatumWriter<T> writer;
    final ConcurrentMap<String, Integer> writerIds = new ConcurrentHashMap<>();
    final ConcurrentMap<Integer, Resolved<T>> resolved = new ConcurrentHashMap<>();

    Internals(SchemaRegistryClient client, Class<T> type) {
      this.client = client;
      this.schema = classSchema(type);
      // The class's own model carries its logical-type conversions (Instant, LocalDate).
      this.data = SpecificData.getForClass(type);
      this.writer = new SpecificDatumWriter<>(schema, data);
      // Reading goes through a model of our own with the same conversions, building lists (see
      // ListArraysData), and without the generated "custom coders", which build Avro's Array directly.
      this.readData = new ListArraysData(type.getClassLoader());
      data.getConversions().forEach(readData::addLogicalTypeConversion);
      readData.setCustomCoders(false);
    }
  }

  private Internals<T> internals() {
    Internals<T> in = internals;
    if (in != null) {
      return in;
    }
    synchronized (this) {
      if (internals == null) {
        if (client == null) {
          if (registryUrl == null) {
            throw new IllegalStateException("this codec was built around a live registry client and cannot be"
                + " used after Java serialization; build it with ConfluentAvroCodec.forRegistryUrl");
          }
          client = new HttpSchemaRegistryClient(registryUrl);
          ownsClient = true;
        }
        internals = new Internals<>(client, type);
      }
      return internals;
    }
  }

  private static <T extends SpecificRecord> Schema classSchema(Class<T> type) {
    Schema schema;
    try {
      schema = SpecificData.getForClass(type).getSchema(type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class", e);
    }
    if (schema == null || schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
    }
    return schema;
  }

  private static SerdeException registryFailure(SchemaRegistryException e, String topic, Integer partition,
                                                Long offset, Integer id) {
    boolean unreachable = e instanceof RegistryUnavailableException
        || e instanceof RegistryRequestException r && r.retriable();
    return new SerdeException(
        unreachable ? SerdeException.Kind.REGISTRY_UNREACHABLE : SerdeException.Kind.REGISTRY_ERROR,
        topic, partition, offset, id, e.getMessage(), e);
  }

  private static int remaining(BinaryDecoder decoder) {
    try {
      return decoder.isEnd() ? 0 : decoder.inputStream().available();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String firstIncompatibility(SchemaPairCompatibility resolution) {
    var incompatibilities = resolution.getResult().getIncompatibilities();
    if (incompatibilities.isEmpty()) {
      return "incompatible";
    }
    var first = incompatibilities.get(0);
    return first.getType() + " at " + first.getLocation();
  }

  // Avro's NullPointerException names the field ("null value for (non-nullable) string at
  // CrimeReported.eventId"); other messages may quote the offending value, which is not ours to log.
  private static final Pattern FIELD_PATH = Pattern.compile(" at ([A-Za-z_][A-Za-z0-9_.\\[\\]]*)\\s*$");

  private static String encodeFailure(Exception e) {
    String message = e.getMessage();
    Matcher path = message == null ? null : FIELD_PATH.matcher(message);
    String where = path != null && path.find() ? " at " + path.group(1) : "";
    if (e instanceof NullPointerException) {
      return "a required field is null" + where;
    }
    return e.getClass().getSimpleName() + where;
  }

  /**
   * The failure's type and stack without its message: Avro messages may quote field values, and an
   * exception's cause chain ends up in logs.
   */
  private static Throwable redacted(Throwable e) {
    SerializationException copy = new SerializationException(e.getClass().getName() + " (message withheld)");
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static void requireTopic(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
  }
}
