package io.spillover.attest.internal;

import org.jspecify.annotations.Nullable;

/**
 * Lower-case hex, for ids, hashes and keys in logs, audit records and evidence. One copy for
 * the whole module: the seal, key service, audit and evidence packages all use it.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lower-case hex of {@code bytes}; null for null (an absent field stays absent). */
  public static @Nullable String encode(byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Strict decoding: an even number of hex digits (either case), nothing else.
   *
   * @throws IllegalArgumentException on odd length or a non-hex digit
   */
  public static byte[] decode(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digit at position " + (2 * i));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** Whether {@code s} is a non-empty, even number of hex digits. */
  public static boolean isHex(String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
