package org.safehaven.ingest.canonical;

import org.apache.avro.specific.SpecificRecord;
import org.safehaven.core.topic.Topic;

/**
 * One record for a canonical topic: where it goes, its key and its Avro value. Holds refs only, never a
 * raw person identifier.
 */
public record CanonicalRecord(Topic<? extends SpecificRecord> topic, String key, SpecificRecord value) {}
