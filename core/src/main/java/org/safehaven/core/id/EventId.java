package org.safehaven.core.id;

import java.util.regex.Pattern;

/**
 * The idempotency key of an event, as the source system gave it: 1 to 128 printable ASCII characters
 * without spaces. The same id twice is the same event.
 */
public record EventId(String value) {

  private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,128}");

  public EventId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("eventId must be 1 to 128 printable ASCII characters without spaces");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
