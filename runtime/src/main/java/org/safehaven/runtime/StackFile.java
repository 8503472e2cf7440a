package org.safehaven.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code DIR/stack.json}: the {@link StackInfo} of the stack running on a data directory, for the other
 * commands and for tests. Written atomically (a temporary file moved into place), so a reader sees the
 * old content or the new, never half of it. Paths are written as plain strings.
 */
public final class StackFile {

  public static final String FILE_NAME = "stack.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new SimpleModule().addSerializer(Path.class, new PathAsString()))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StackFile() {}

  public static Path in(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /** Writes {@code info} to {@code DIR/stack.json}, replacing any earlier content atomically. */
  public static Path write(Path dataDir, StackInfo info) {
    Path target = in(dataDir);
    try {
      Path tmp = Files.createTempFile(dataDir, ".stack-", ".json.tmp");
      try {
        JSON.writeValue(tmp.toFile(), info);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new StackException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Reads a stack.json (the file itself, or the data directory that holds it). */
  public static StackInfo read(Path fileOrDataDir) {
    Path file = Files.isDirectory(fileOrDataDir) ? in(fileOrDataDir) : fileOrDataDir;
    if (!Files.exists(file)) {
      throw new StackException(file + " does not exist: is the stack up? (./safehaven up)");
    }
    try {
      return JSON.readValue(file.toFile(), StackInfo.class);
    } catch (IOException e) {
      throw new StackException(file + " is not a valid stack.json: " + e.getMessage(), e);
    }
  }

  private static final class PathAsString extends JsonSerializer<Path> {
    @Override
    public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }
}
