package io.spillover.attest.keyservice.internal;

import io.spillover.attest.internal.Bin;


/**
 * The byte strings the key service and its clients sign, verify, hash and bind, each with its own
 * domain label so no signature can be replayed as another kind.
 */
public final class Protocol {
  public static final String CALLER_HEADER = "X-Spillover-Caller";
  public static final String TIMESTAMP_HEADER = "X-Spillover-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Spillover-Signature";
  public static final int NONCE_BYTES = 32;

  private Protocol() {}

  /** What a caller signs to fetch a function's public keyset. */
  public static byte[] publicKeysetRequest(String function, String caller, long timestamp) {
    return Bin.of("spillover-keyservice/v1/public-keyset-request").text(function).text(caller)
        .number(timestamp).toBytes();
  }

  /** What the key service signs when it serves a public keyset. */
  public static byte[] publicKeysetStatement(String function, long issuedAt, byte[] keyset) {
    return Bin.of("spillover-keyservice/v1/public-keyset").text(function).number(issuedAt)
        .bytes(keyset).toBytes();
  }

  /** HPKE context info of a key release: binds it to the function and the attestation nonce. */
  public static byte[] releaseContext(String function, byte[] nonce) {
    return Bin.of("spillover-keyservice/v1/key-release").text(function).bytes(nonce).toBytes();
  }

  /** What the key service signs over a sealed key release. */
  public static byte[] releaseStatement(String function, byte[] nonce, byte[] sealed) {
    return Bin.of("spillover-keyservice/v1/key-release-signature").text(function).bytes(nonce)
        .bytes(sealed).toBytes();
  }

  /** HPKE context info of a granted data key: binds it to function, key, caller and nonce. */
  public static byte[] dataKeyContext(String function, String name, String caller, byte[] nonce) {
    return Bin.of("spillover-keyservice/v1/data-key").text(function).text(name).text(caller)
        .bytes(nonce).toBytes();
  }

  /** What the key service signs over a sealed granted data key. */
  public static byte[] dataKeyStatement(String function, String name, String caller,
      byte[] nonce, byte[] sealed) {
    return Bin.of("spillover-keyservice/v1/data-key-signature").text(function).text(name)
        .text(caller).bytes(nonce).bytes(sealed).toBytes();
  }

  /**
   * What the key service signs when it refuses a data key because the caller is not granted it,
   * so an instance can tell the authority's refusal from a failure or a forgery on the way.
   */
  public static byte[] dataKeyRefusal(String function, String name, String caller, byte[] nonce) {
    return Bin.of("spillover-keyservice/v1/data-key-refusal").text(function).text(name)
        .text(caller).bytes(nonce).toBytes();
  }
}
