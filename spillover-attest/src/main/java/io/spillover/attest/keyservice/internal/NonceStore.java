package io.spillover.attest.keyservice.internal;

import io.spillover.SpilloverClock;
import io.spillover.attest.internal.Hex;
import io.spillover.attest.internal.Tinks;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One-time attestation nonces. Each lives for the TTL and is consumed by its first use, whether
 * that attestation succeeds or not. At most {@code capacity} are outstanding: when full (after
 * dropping expired ones) issuing fails with {@link Full}, which the service answers with 503.
 */
public final class NonceStore {
  private final SpilloverClock clock;
  private final long ttlMillis;
  private final int capacity;
  private final Map<String, Long> outstanding = new HashMap<>();

  public NonceStore(SpilloverClock clock, long ttlMillis, int capacity) {
    this.clock = clock;
    this.ttlMillis = ttlMillis;
    this.capacity = capacity;
  }

  /** The nonce store holds its maximum of outstanding nonces. */
  public static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full(int capacity) {
      super("nonce store full (" + capacity + " outstanding); retry after the TTL");
    }
  }

  /** A fresh nonce and its expiry (epoch ms). */
  public synchronized Issued issue() {
    long now = clock.epochMillis();
    if (outstanding.size() >= capacity) {
      for (Iterator<Long> it = outstanding.values().iterator(); it.hasNext(); ) {
        if (it.next() < now) {
          it.remove();
        }
      }
      if (outstanding.size() >= capacity) {
        throw new Full(capacity);
      }
    }
    byte[] nonce = Tinks.randomBytes(Protocol.NONCE_BYTES);
    long expiresAt = now + ttlMillis;
    outstanding.put(Hex.encode(nonce), expiresAt);
    return new Issued(nonce, expiresAt);
  }

  /** True exactly once for an issued, unexpired nonce; the nonce is gone afterwards. */
  public synchronized boolean consume(byte[] nonce) {
    Long expiresAt = outstanding.remove(Hex.encode(nonce));
    return expiresAt != null && expiresAt >= clock.epochMillis();
  }

  public synchronized int outstanding() {
    return outstanding.size();
  }

  /** An issued nonce. */
  public record Issued(byte[] nonce, long expiresAt) {}
}
