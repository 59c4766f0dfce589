/**
 * The wire envelope every provider carries: {@link io.spillover.wire.EnvelopeFormat} encodes and
 * strictly decodes {@link io.spillover.wire.RequestEnvelope} and
 * {@link io.spillover.wire.ResponseEnvelope} (version 2), and
 * {@link io.spillover.wire.SealedFrames} says what a sealed ciphertext holds. A provider module,
 * a function-side adapter or a benchmark uses these to build or check envelopes; the spillway
 * itself builds them on the call path. The format is described in
 * {@code docs/architecture.md}; a change to it changes
 * {@link io.spillover.wire.EnvelopeFormat#VERSION}.
 */
@NullMarked
package io.spillover.wire;

import org.jspecify.annotations.NullMarked;
