package io.spillover.attest.seal.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one session key and direction, in the wire format of Tink's AES-GCM without
 * prefix: a random 96-bit IV, then the ciphertext and its 128-bit tag.
 *
 * <p>Why not Tink's primitive: it initialises a cipher per operation, and a thread that alternates
 * between keys (a caller sealing requests and opening replies, a function serving many sessions)
 * recomputes the AES key schedule every time; that was the largest single cost of a sealed call.
 * Here each key keeps its own initialised ciphers (a small lock-free pool, one per concurrent
 * user), so re-initialising with a fresh IV reuses the schedule. IVs stay random per message, as
 * in Tink; a session rotates long before 2^32 messages.
 */
public final class SessionAead {
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();

  public SessionAead(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    byte[] out = new byte[IV_BYTES + plaintext.length + TAG_BITS / 8];
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    System.arraycopy(iv, 0, out, 0, IV_BYTES);
    Cipher cipher = take();
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, out, 0, IV_BYTES));
    cipher.updateAAD(associatedData);
    cipher.doFinal(plaintext, 0, plaintext.length, out, IV_BYTES);
    idle.offer(cipher);
    return out;
  }

  public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
      throws GeneralSecurityException {
    if (ciphertext.length < IV_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("ciphertext too short: " + ciphertext.length + " bytes");
    }
    Cipher cipher = take();
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
    cipher.updateAAD(associatedData);
    // a bad tag throws here; the cipher is then dropped rather than pooled
    byte[] plaintext = cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
    idle.offer(cipher);
    return plaintext;
  }

  private Cipher take() throws GeneralSecurityException {
    Cipher c = idle.poll();
    return c != null ? c : Cipher.getInstance("AES/GCM/NoPadding");
  }
}
