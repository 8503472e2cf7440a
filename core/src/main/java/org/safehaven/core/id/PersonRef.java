package org.safehaven.core.id;

import java.util.regex.Pattern;

/**
 * A pseudonymised person: {@code ph_} followed by the lowercase hex of HMAC-SHA-256(key, personId).
 * The only form in which a person is known anywhere past ingest. The shape check keeps a raw
 * identifier from being passed off as a ref by mistake.
 */
public record PersonRef(String value) {

  public static final String PREFIX = "ph_";
  private static final Pattern SHAPE = Pattern.compile("ph_[0-9a-f]{64}");

  public PersonRef {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a personRef: expected 'ph_' and 64 lowercase hex digits");
    }
  }

  public static boolean isWellFormed(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
