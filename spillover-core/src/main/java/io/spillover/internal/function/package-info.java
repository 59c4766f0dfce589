/**
 * The function's side behind {@link io.spillover.function.FunctionApp}: decoding a request
 * envelope and routing it to its handler ({@link io.spillover.internal.function.FunctionDispatcher},
 * {@code HandlerRun}), dropping replays ({@code ReplayCache}, {@code InMemoryReplayGuard}),
 * opening sealed calls ({@code SealedDispatch}) and encoding every outcome as a reply envelope
 * ({@code Replier}). Not API: the public types here are public only for
 * {@link io.spillover.function} and may change without notice; no other module may use them.
 */
package io.spillover.internal.function;
