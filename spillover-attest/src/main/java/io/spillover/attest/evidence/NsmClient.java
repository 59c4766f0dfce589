package io.spillover.attest.evidence;

/**
 * Access to the Nitro Secure Module inside an enclave ({@code /dev/nsm}). Spillover does not ship
 * a native binding; plug in one (e.g. a JNI/JNA wrapper around the NSM "Attestation" request).
 */
@FunctionalInterface
public interface NsmClient {

  /**
   * Requests an attestation document. Each argument may be null; each is at most 1024 bytes.
   *
   * @return the COSE_Sign1 document bytes
   * @throws AttestationException if the NSM refused or is unavailable
   */
  byte[] attestation(byte[] userData, byte[] nonce, byte[] publicKey);
}
