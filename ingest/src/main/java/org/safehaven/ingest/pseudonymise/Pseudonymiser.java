package org.safehaven.ingest.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.safehaven.core.id.PersonRef;

/**
 * Turns a source system's person identifier into a {@link PersonRef}: {@code "ph_"} followed by the
 * lowercase hex of HMAC-SHA-256(key, UTF-8 bytes of the identifier). Deterministic for one key, so
 * events about one person link up; without the key a ref cannot be turned back or checked against a
 * guessed identifier. Thread-safe (one {@link Mac} per thread).
 */
public final class Pseudonymiser {

  private static final byte[] PREFIX = PersonRef.PREFIX.getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  private final ThreadLocal<Mac> mac;

  public Pseudonymiser(PseudonymisationKey key) {
    SecretKeySpec spec = new SecretKeySpec(key.bytes(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
      }
    });
  }

  public PersonRef ref(String personId) {
    return new PersonRef(refText(personId));
  }

  /** The ref as text, without the value-type wrapper (the hot path of ingest). */
  public String refText(String personId) {
    byte[] digest = mac.get().doFinal(personId.getBytes(StandardCharsets.UTF_8));
    // Prefix and hex written into one Latin-1 buffer: one String, no intermediate copies.
    byte[] text = Arrays.copyOf(PREFIX, PREFIX.length + 2 * digest.length);
    int at = PREFIX.length;
    for (byte b : digest) {
      text[at++] = HEX_DIGITS[(b >> 4) & 0xF];
      text[at++] = HEX_DIGITS[b & 0xF];
    }
    return new String(text, StandardCharsets.ISO_8859_1);
  }
}
