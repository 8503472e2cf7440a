package org.safehaven.api.http;

/**
 * A page of results: {@code page} counts from 0. Elasticsearch's result window (10,000 hits) bounds how
 * deep a page may lie; {@link Params#page} refuses pages past it.
 */
public record PageRequest(int page, int size) {

  public static final int MAX_WINDOW = 10_000;

  public int from() {
    return page * size;
  }
}
