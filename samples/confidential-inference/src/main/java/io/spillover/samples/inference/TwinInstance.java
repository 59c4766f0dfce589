package io.spillover.samples.inference;

/**
 * What one twin instance reports about itself with each answer (inside the sealed reply), so the
 * VM side can measure what SeSeMI's design is about: many concurrent calls per attested instance,
 * one verified session per caller, one key fetch per model.
 *
 * @param id the instance (its JVM's process id)
 * @param inFlight calls this instance was serving when this one started, itself included
 * @param sessions sealed sessions this instance has verified (one per caller and rotation)
 * @param keyFetches model keys this instance has fetched from the key service
 * @param evictions models this instance dropped to stay under its memory bound
 * @param refusals calls this instance refused because the caller is not granted the model
 */
public record TwinInstance(long id, int inFlight, long sessions, long keyFetches, long evictions,
    long refusals) {}
