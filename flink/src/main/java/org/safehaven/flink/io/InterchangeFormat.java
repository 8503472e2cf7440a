package org.safehaven.flink.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.event.InputEvents;
import org.safehaven.flink.event.Rejection;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.ingest.validate.ValidationResult;
import org.safehaven.ingest.validate.Violations;

/**
 * Interchange files (JSON Lines, docs/specification.md) as a Flink file format: each line goes through ingest's own
 * validation, pseudonymisation and mapping, so a replayed file gives the job exactly the events ingest would
 * have written to the canonical topics. A line that ingest would refuse becomes a REJECTED event with
 * ingest's reason (never the line's content) and the line number; blank lines are skipped. Duplicates are
 * not dropped here (the job's replay path deduplicates by eventId, as ingest does).
 *
 * <p>The pseudonymisation key is read where the file is read (on the task manager), from a key file or the
 * deployment's environment ({@link PseudonymisationKey#fromEnvironment}), so the secret never travels in the
 * job graph. The same key as ingest's gives the same personRefs, so replayed alerts match live ones.
 */
public final class InterchangeFormat extends SimpleStreamFormat<InputEvent> {

  private static final long serialVersionUID = 1L;

  /** Where the reader finds the pseudonymisation key. */
  public record KeySource(String keyFile) implements Serializable {
    /** The deployment's environment: SAFEHAVEN_PSEUDONYMISATION_KEY or SAFEHAVEN_PSEUDONYMISATION_KEY_FILE. */
    public static KeySource environment() {
      return new KeySource(null);
    }

    public static KeySource file(Path keyFile) {
      return new KeySource(keyFile.toAbsolutePath().toString());
    }

    PseudonymisationKey load() {
      return keyFile == null ? PseudonymisationKey.fromEnvironment(System.getenv())
          : PseudonymisationKey.fromFile(Path.of(keyFile));
    }
  }

  private final KeySource keySource;

  public InterchangeFormat(KeySource keySource) {
    this.keySource = keySource;
  }

  @Override
  public StreamFormat.Reader<InputEvent> createReader(Configuration config, FSDataInputStream stream) {
    EventValidator validator = new EventValidator(Limits.defaults(), Clock.systemUTC());
    CanonicalMapper mapper = new CanonicalMapper(new Pseudonymiser(keySource.load()));
    BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
    return new LineReader(lines, validator, mapper);
  }

  @Override
  public TypeInformation<InputEvent> getProducedType() {
    return TypeInformation.of(InputEvent.class);
  }

  /** Reads lines, skipping blanks; one event (or rejection) per line. */
  static final class LineReader implements StreamFormat.Reader<InputEvent> {
    private final BufferedReader lines;
    private final EventValidator validator;
    private final CanonicalMapper mapper;
    private long lineNumber;

    LineReader(BufferedReader lines, EventValidator validator, CanonicalMapper mapper) {
      this.lines = lines;
      this.validator = validator;
      this.mapper = mapper;
    }

    @Override
    public InputEvent read() throws IOException {
      String line;
      while ((line = lines.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        return convert(line.getBytes(StandardCharsets.UTF_8), lineNumber, validator, mapper);
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /** One line as an event, or its rejection. */
  public static InputEvent convert(byte[] line, long lineNumber, EventValidator validator, CanonicalMapper mapper) {
    ValidationResult r = validator.validate(line);
    if (r instanceof Violations v) {
      Rejection why = Rejection.of(v.reason(), v.first().rule().code(), null, -1, -1, System.currentTimeMillis());
      why.where = "interchange file line " + lineNumber;
      InputEvent e = InputEvents.rejected(why);
      e.eventId = v.eventId();
      e.force = v.force();
      return e;
    }
    SpecificRecord record = mapper.map((ValidEvent) r, Instant.EPOCH).value();
    return InputEvents.of(record);
  }

}
