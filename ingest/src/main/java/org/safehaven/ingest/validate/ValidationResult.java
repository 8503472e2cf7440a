package org.safehaven.ingest.validate;

/** What {@link EventValidator} makes of one event: a {@link ValidEvent} or its {@link Violations}. */
public sealed interface ValidationResult permits ValidEvent, Violations {}
