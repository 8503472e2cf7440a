package org.safehaven.ingest.pseudonymise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.safehaven.core.config.ConfigException;

/**
 * The secret key of the pseudonymisation HMAC. The same key gives the same personRef for the same
 * identifier, so events about one person link up across forces and years; whoever holds the key can
 * confirm a guess of an identifier, so it never leaves the deployment's secrets.
 *
 * <p>Where it comes from, first match wins:
 * <ol>
 *   <li>{@code SAFEHAVEN_PSEUDONYMISATION_KEY}: the key itself;</li>
 *   <li>{@code SAFEHAVEN_PSEUDONYMISATION_KEY_FILE}: a file holding it;</li>
 *   <li>in the demo only: {@code DATA/secrets/pseudonymisation.key}, generated (mode 0600) on first use.</li>
 * </ol>
 * Outside the demo there is no default: the platform refuses to start without a key, since a made-up
 * key would silently split one person into two refs after the next restart. The key is written as hex
 * (64 or more hex digits) or base64, and must hold at least 32 bytes (256 bits).
 */
public final class PseudonymisationKey {

  public static final String ENV_KEY = "SAFEHAVEN_PSEUDONYMISATION_KEY";
  public static final String ENV_KEY_FILE = "SAFEHAVEN_PSEUDONYMISATION_KEY_FILE";
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;
  private final String origin;

  private PseudonymisationKey(byte[] bytes, String origin) {
    if (bytes.length < MIN_BYTES) {
      throw new ConfigException("the pseudonymisation key from " + origin + " is shorter than " + MIN_BYTES
          + " bytes; make one with: openssl rand -hex 32");
    }
    this.bytes = bytes.clone();
    this.origin = origin;
  }

  /** A key from its text form (hex or base64); {@code origin} names where it came from, for messages. */
  public static PseudonymisationKey parse(String text, String origin) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new ConfigException("the pseudonymisation key from " + origin + " is empty");
    }
    byte[] decoded;
    if (t.length() % 2 == 0 && t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      decoded = HexFormat.of().parseHex(t);
    } else {
      try {
        decoded = t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
      } catch (IllegalArgumentException e) {
        // The text is not echoed: it is the secret.
        throw new ConfigException("the pseudonymisation key from " + origin + " is neither hex nor base64");
      }
    }
    return new PseudonymisationKey(decoded, origin);
  }

  /** Reads the key from a file (its text is the key in hex or base64). */
  public static PseudonymisationKey fromFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII), "file " + file);
    } catch (IOException e) {
      throw new ConfigException("cannot read the pseudonymisation key file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * The deployment's key from the environment.
   *
   * @throws ConfigException when neither variable is set, or the key is unusable
   */
  public static PseudonymisationKey fromEnvironment(Map<String, String> env) {
    String direct = env.get(ENV_KEY);
    if (direct != null && !direct.isBlank()) {
      return parse(direct, ENV_KEY);
    }
    String file = env.get(ENV_KEY_FILE);
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file.strip()));
    }
    throw new ConfigException("no pseudonymisation key: set " + ENV_KEY + " or " + ENV_KEY_FILE
        + " (at least 32 bytes, hex or base64; e.g. openssl rand -hex 32). Refusing to start without one.");
  }

  /**
   * The key from the environment when one is set, else the demo key under the data directory, created
   * on first use. Only the demo ({@code ./safehaven up} on the embedded stack) calls this.
   */
  public static PseudonymisationKey forDemo(Map<String, String> env, Path dataDir) {
    if (env.containsKey(ENV_KEY) || env.containsKey(ENV_KEY_FILE)) {
      return fromEnvironment(env);
    }
    Path file = demoKeyFile(dataDir);
    try {
      if (!Files.exists(file)) {
        org.safehaven.core.auth.TokenStore.createPrivateDirectories(file.getParent());
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
          Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(tmp);
        }
        Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        try {
          Files.move(tmp, file); // fails if another process created it first: then theirs wins
        } catch (java.nio.file.FileAlreadyExistsException e) {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot create the demo pseudonymisation key " + file + ": " + e.getMessage());
    }
    return fromFile(file);
  }

  public static Path demoKeyFile(Path dataDir) {
    return dataDir.resolve("secrets").resolve("pseudonymisation.key");
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** Where the key came from (a variable or file name; never the key). */
  public String origin() {
    return origin;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PseudonymisationKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PseudonymisationKey[from " + origin + "]";
  }
}
