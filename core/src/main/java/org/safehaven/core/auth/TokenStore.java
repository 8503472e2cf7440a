package org.safehaven.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens and the role each one grants, kept in one JSON file (by convention
 * {@code DATA/secrets/tokens.json}, mode 0600).
 *
 * <p>Contract:
 * <ul>
 *   <li>Only the SHA-256 of a token is stored. {@link #create} returns the plaintext once; it cannot be
 *       recovered from the file, so a copied file grants nothing.</li>
 *   <li>A token is {@code sh_} followed by 43 base64url characters (256 random bits), so a hash
 *       look-up is enough: no token is guessable, and comparing hashes leaks nothing useful.</li>
 *   <li>Several processes may share the file (the running service and the {@code token} command):
 *       writers take an exclusive file lock and replace the file atomically; readers notice a changed
 *       file by its modification time and size and reload it, so a token created while the service
 *       runs is accepted at once.</li>
 * </ul>
 */
public final class TokenStore {

  /** What is known about a token, without the token itself. */
  public record TokenInfo(String id, AccessRole role, String createdAt, String label) {}

  /** A freshly created token: the plaintext, shown once, and its stored description. */
  public record CreatedToken(String token, TokenInfo info) {}

  public static final String PREFIX = "sh_";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), null, -1);

  private record Snapshot(Map<String, TokenInfo> byHash, FileTime modified, long size) {}

  private TokenStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** Opens (without creating) the store at this file; a missing file is an empty store. */
  public static TokenStore open(Path file) {
    return open(file, Clock.systemUTC());
  }

  static TokenStore open(Path file, Clock clock) {
    TokenStore store = new TokenStore(file, clock);
    store.refresh();
    return store;
  }

  /** The conventional location under a data directory. */
  public static Path defaultFile(Path dataDir) {
    return dataDir.resolve("secrets").resolve("tokens.json");
  }

  public Path file() {
    return file;
  }

  /** Creates a token for the role and returns its plaintext: the only time it is ever available. */
  public CreatedToken create(AccessRole role, String label) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String hash = sha256(token);
    TokenInfo info = new TokenInfo(hash.substring(0, 12), role, clock.instant().toString(),
        label == null || label.isBlank() ? null : label.strip());
    mutate(tokens -> {
      ObjectNode entry = tokens.addObject();
      entry.put("id", info.id());
      entry.put("sha256", hash);
      entry.put("role", role.toString());
      entry.put("createdAt", info.createdAt());
      if (info.label() != null) {
        entry.put("label", info.label());
      }
    });
    return new CreatedToken(token, info);
  }

  /** Removes a token by its id (as {@link #list} shows it); true when one was removed. */
  public boolean revoke(String id) {
    boolean[] removed = {false};
    mutate(tokens -> {
      for (int i = tokens.size() - 1; i >= 0; i--) {
        if (id.equals(tokens.get(i).path("id").asText())) {
          tokens.remove(i);
          removed[0] = true;
        }
      }
    });
    return removed[0];
  }

  /** The role a presented token grants, or empty for an unknown (or malformed) token. */
  public Optional<AccessRole> authenticate(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 128) {
      return Optional.empty();
    }
    refresh();
    TokenInfo info = snapshot.byHash().get(sha256(presented));
    return info == null ? Optional.empty() : Optional.of(info.role());
  }

  public List<TokenInfo> list() {
    refresh();
    return List.copyOf(snapshot.byHash().values());
  }

  private synchronized void refresh() {
    try {
      if (!Files.exists(file)) {
        snapshot = new Snapshot(Map.of(), null, -1);
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      Snapshot current = snapshot;
      if (modified.equals(current.modified()) && size == current.size()) {
        return;
      }
      snapshot = new Snapshot(parse(read()), modified, size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token store " + file, e);
    }
  }

  private ArrayNode read() throws IOException {
    if (!Files.exists(file)) {
      return JSON.createArrayNode();
    }
    JsonNode root = JSON.readTree(Files.readAllBytes(file));
    JsonNode tokens = root == null ? null : root.get("tokens");
    if (tokens == null || !tokens.isArray()) {
      throw new IOException("the token store is not a {\"tokens\":[...]} document");
    }
    return (ArrayNode) tokens;
  }

  private static Map<String, TokenInfo> parse(ArrayNode tokens) {
    Map<String, TokenInfo> byHash = new HashMap<>();
    for (JsonNode t : tokens) {
      AccessRole role = AccessRole.parse(t.path("role").asText(null));
      String label = t.hasNonNull("label") ? t.get("label").asText() : null;
      byHash.put(t.path("sha256").asText(),
          new TokenInfo(t.path("id").asText(), role, t.path("createdAt").asText(null), label));
    }
    return Map.copyOf(byHash);
  }

  private interface Mutation {
    void apply(ArrayNode tokens);
  }

  private synchronized void mutate(Mutation mutation) {
    try {
      createPrivateDirectories(file.toAbsolutePath().getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock ignored = ch.lock()) {
        ArrayNode tokens = read();
        mutation.apply(tokens);
        ObjectNode root = JSON.createObjectNode();
        root.set("tokens", tokens);
        writePrivately(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      }
      snapshot = new Snapshot(Map.of(), null, -1);
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token store " + file, e);
    }
  }

  /** Creates a directory (and its parents) for secrets: a new directory is accessible to its owner only. */
  public static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created by another process meanwhile
    }
  }

  /** Writes a secret file readable by its owner only, replacing any previous one atomically. */
  static void writePrivately(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not a POSIX file system
    }
    Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Lists the stored tokens as a short table, for the {@code token list} command. */
  public static List<String> describe(List<TokenInfo> tokens) {
    List<String> lines = new ArrayList<>();
    for (TokenInfo t : tokens) {
      lines.add(t.id() + "  " + t.role() + "  " + t.createdAt() + (t.label() == null ? "" : "  " + t.label()));
    }
    return lines;
  }
}
