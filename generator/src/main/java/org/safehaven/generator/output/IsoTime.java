package org.safehaven.generator.output;

import java.time.LocalDate;

/**
 * Formats epoch seconds as ISO-8601 UTC instants ({@code 2025-05-01T09:00:00Z}) without allocating: the
 * generator writes up to three instants per event, 60 million events a year.
 */
public final class IsoTime {

  private final char[] buf = new char[20];
  private long cachedDay = Long.MIN_VALUE;

  /** The formatted instant in an internal buffer of length 20, valid until the next call. */
  public char[] format(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    if (day != cachedDay) {
      LocalDate d = LocalDate.ofEpochDay(day);
      int y = d.getYear();
      if (y < 0 || y > 9999) {
        throw new IllegalArgumentException("year out of range for an ISO-8601 instant");
      }
      digits(y, 0, 4);
      buf[4] = '-';
      digits(d.getMonthValue(), 5, 2);
      buf[7] = '-';
      digits(d.getDayOfMonth(), 8, 2);
      buf[10] = 'T';
      buf[13] = ':';
      buf[16] = ':';
      buf[19] = 'Z';
      cachedDay = day;
    }
    int s = (int) Math.floorMod(epochSecond, 86_400L);
    digits(s / 3600, 11, 2);
    digits(s / 60 % 60, 14, 2);
    digits(s % 60, 17, 2);
    return buf;
  }

  public String toString(long epochSecond) {
    return new String(format(epochSecond));
  }

  private void digits(int v, int at, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      buf[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }
}
