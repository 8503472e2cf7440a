package org.safehaven.ingest.canonical;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.ReportedPerson;

/**
 * The Confluent wire format of ingest's four canonical records, written field by field: magic byte 0, the
 * schema id (4 bytes big-endian), then the Avro binary encoding of the record in its schema's field order.
 *
 * <p>Why by hand: these are the only records ingest writes in volume (one per event), and Avro's generic
 * writer walks the schema per field, boxes every timestamp and looks up its conversion; profiled, that was a
 * fifth of the importer's thread. The generated classes' own coders, which would avoid it, are not
 * generated for records with timestamps (Avro 1.12). Contract: the bytes are exactly those of
 * {@code ConfluentAvroCodec.encode} for the same record and schema id (CanonicalEncoderTest compares both on
 * thousands of random records, so a change to one of these schemas fails the build until this follows).
 * Any other record type: null, and the caller uses the codec. Thread-safe (one buffer per thread).
 */
public final class CanonicalEncoder {

  private static final ThreadLocal<Writer> BUFFERS = ThreadLocal.withInitial(Writer::new);

  private CanonicalEncoder() {}

  /** The wire-format bytes of a canonical record with the given schema id, or null for another type. */
  public static byte[] encode(int schemaId, SpecificRecord value) {
    Writer w = BUFFERS.get();
    w.start(schemaId);
    if (value instanceof PncQuery r) {
      w.string(r.getEventId());
      w.string(r.getForce());
      w.optionalString(r.getQueryId());
      w.timestamp(r.getQueriedAt());
      w.optionalString(r.getOfficerId());
      w.string(r.getPersonRef());
      w.varLong(r.getReason().ordinal());
      w.optionalString(r.getReportId());
      w.timestamp(r.getAcceptedAt());
    } else if (value instanceof CrimeReported r) {
      w.string(r.getEventId());
      w.string(r.getForce());
      w.string(r.getReportId());
      w.timestamp(r.getOccurredAt());
      w.timestamp(r.getReportedAt());
      w.varLong(r.getOffence().ordinal());
      List<ReportedPerson> persons = r.getPersons();
      if (!persons.isEmpty()) {
        w.varLong(persons.size());
        for (ReportedPerson p : persons) {
          w.string(p.getPersonRef());
          w.varLong(p.getRole().ordinal());
        }
      }
      w.varLong(0); // end of the array
      w.timestamp(r.getAcceptedAt());
    } else if (value instanceof Disclosure r) {
      w.string(r.getEventId());
      w.string(r.getForce());
      w.optionalString(r.getDisclosureId());
      w.timestamp(r.getDisclosedAt());
      w.string(r.getPersonRef());
      w.varLong(r.getRecipient().ordinal());
      w.varLong(r.getChannel().ordinal());
      w.varLong(r.getPurpose().ordinal());
      w.optionalString(r.getOfficerId());
      w.optionalString(r.getReportId());
      w.timestamp(r.getAcceptedAt());
    } else if (value instanceof CaseStatus r) {
      w.string(r.getEventId());
      w.string(r.getForce());
      w.string(r.getReportId());
      w.varLong(r.getStatus().ordinal());
      w.timestamp(r.getChangedAt());
      w.timestamp(r.getAcceptedAt());
    } else {
      return null;
    }
    return w.bytes();
  }

  /** A growable buffer with Avro's binary primitives (zig-zag varints, length-prefixed UTF-8). */
  private static final class Writer {
    private static final int KEEP_BYTES = 64 * 1024;
    private byte[] buf = new byte[1024];
    private int count;

    void start(int schemaId) {
      count = 0;
      ensure(5);
      buf[0] = 0;
      buf[1] = (byte) (schemaId >>> 24);
      buf[2] = (byte) (schemaId >>> 16);
      buf[3] = (byte) (schemaId >>> 8);
      buf[4] = (byte) schemaId;
      count = 5;
    }

    /** Avro's long: zig-zag, then 7 bits a byte, low bits first. */
    void varLong(long v) {
      ensure(10);
      long n = (v << 1) ^ (v >> 63);
      while ((n & ~0x7FL) != 0) {
        buf[count++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buf[count++] = (byte) n;
    }

    /** timestamp-millis: the instant's epoch milliseconds as a long (as Avro's conversion writes it). */
    void timestamp(Instant t) {
      varLong(t.toEpochMilli());
    }

    /** A required string; null is refused as Avro's writer refuses it. */
    void string(String s) {
      if (s == null) {
        throw new NullPointerException("null value for a required string");
      }
      // As Avro's writer does: the JDK's encoder copies an ASCII string's bytes in bulk (a char loop was slower).
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varLong(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buf, count, utf8.length);
      count += utf8.length;
    }

    /** union {null, string}: branch 0 for null, else branch 1 and the string. */
    void optionalString(String s) {
      if (s == null) {
        varLong(0);
      } else {
        varLong(1);
        string(s);
      }
    }

    byte[] bytes() {
      byte[] out = Arrays.copyOf(buf, count);
      if (buf.length > KEEP_BYTES) {
        buf = new byte[1024];
      }
      return out;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
