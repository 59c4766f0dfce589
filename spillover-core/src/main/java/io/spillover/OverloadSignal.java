package io.spillover;

/**
 * Marks an exception thrown by a spillway's local function as an overload signal of the service
 * (a 503, a 429, a {@code Retry-After}, a refused connection, a timeout): the adaptive limit counts
 * the call as a drop and lowers the limit, as concurrency-limits' client limiters do. Without it,
 * a local failure is an ordinary error that leaves the limit alone. Wrapped service clients
 * ({@code spillover-clients}) are the reason this hook exists: there the limit is client-side and
 * learns only from what the destination answers.
 */
public interface OverloadSignal {}
