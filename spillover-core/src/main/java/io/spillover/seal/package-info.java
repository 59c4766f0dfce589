/**
 * The SPI through which {@code spillover-attest} seals confidential calls. The core holds no
 * cryptography: it only refuses to send a confidential call anywhere but through a
 * {@link io.spillover.seal.SealedChannel}.
 */
package io.spillover.seal;
