/**
 * Helpers every package of the attest module shares, and no other module may use: Tink's
 * configuration and keyset handling ({@link io.spillover.attest.internal.Tinks}), the
 * length-prefixed fields of session headers and key service messages
 * ({@link io.spillover.attest.internal.Bin}) and hex ({@link io.spillover.attest.internal.Hex}).
 * Kept apart from the seal and key service packages so neither depends on the other's internals.
 */
@NullMarked
package io.spillover.attest.internal;

import org.jspecify.annotations.NullMarked;
