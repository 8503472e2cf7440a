package org.safehaven.indexer.pipeline;

/**
 * What the indexer has done since it started.
 *
 * @param read         records read from Kafka
 * @param indexed      records whose every document Elasticsearch acknowledged (a version it already held
 *                     counts: the record is indexed)
 * @param retried      documents sent again after a failure or a 429
 * @param deadLettered records written to the dead-letter topic instead
 * @param pending      records read and not yet acknowledged (their offsets are not committed)
 * @param lastFailure  the last failure talking to Elasticsearch, sanitised, or null
 */
public record IndexerStats(long read, long indexed, long retried, long deadLettered, int pending,
                           String lastFailure) {}
