package org.safehaven.indexer.document;

import java.util.Objects;

/**
 * One document ready for Elasticsearch: where it goes, its stable id and its JSON source.
 *
 * <p>The id is derived from the record (alert id, event id, force|day), never from a Kafka position, so
 * writing the same record twice — a replay, a restart before the offset commit — overwrites the same
 * document instead of adding one.
 *
 * @param index           target index
 * @param id              stable document id
 * @param source          the JSON source (UTF-8); it carries personRefs only, never a raw identifier
 * @param externalVersion for documents that change over time, an external version, so an older update
 *                        arriving after a newer one is refused by Elasticsearch (409) instead of overwriting
 *                        it: an alert's revision (corrections may arrive in any order), a daily metric's
 *                        Kafka offset (retries run concurrently); null for documents that never change
 * @param eventId         the event the document is about, for dead letters; may be null
 * @param force           the force it belongs to, for dead letters; may be null
 */
public record IndexDocument(String index, String id, byte[] source, Long externalVersion, String eventId,
                            String force) {

  public IndexDocument {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Whether a version conflict (409) means "Elasticsearch already holds this version or a newer one":
   * success, nothing to write.
   */
  public boolean versioned() {
    return externalVersion != null;
  }
}
