/**
 * The caller's engine behind {@link io.spillover.Spillway}: the local fast path and its wiring
 * ({@link io.spillover.internal.engine.DefaultSpillway}, built from
 * {@link io.spillover.internal.engine.SpillwayParts}), the overflow decisions ({@code Overflow}),
 * the spill to the function twin with its budgets, breaker, cost meter and reply decoding
 * ({@code SpillPath}, {@code GuardedInvoker}, {@code SpillBudget}, {@code CostMeter},
 * {@code ReplyDecoder}), the periodic control loop and scale advice ({@code ControlLoop},
 * {@code ScaleAdvisor}), the counters and the live metrics view, and the registry's start-up
 * target checks. Not API: the public types here are public only for
 * {@link io.spillover.SpilloverRegistry} and may change without notice; no other module may use
 * them.
 */
package io.spillover.internal.engine;
