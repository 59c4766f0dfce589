package io.spillover.attest.evidence.internal;

import io.spillover.attest.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Detects whether file content is binary, hex text or base64 text, and decodes it. */
public final class Encodings {
  private Encodings() {}

  /** Binary input is returned as is; hex or base64 text (whitespace ignored) is decoded. */
  public static byte[] decodeEvidence(byte[] raw) {
    if (!isPrintableAscii(raw)) {
      return raw;
    }
    String text = stripWhitespace(new String(raw, StandardCharsets.US_ASCII));
    if (Hex.isHex(text)) {
      return EvidenceHex.decode(text);
    }
    if (isBase64(text)) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return raw;
      }
    }
    return raw;
  }

  /** PEM stays PEM (the certificate factory reads it); otherwise as {@link #decodeEvidence}. */
  public static byte[] decodeCertificateInput(byte[] raw) {
    String head = new String(raw, 0, Math.min(raw.length, 64), StandardCharsets.US_ASCII);
    if (head.stripLeading().startsWith("-----BEGIN")) {
      return raw;
    }
    return decodeEvidence(raw);
  }

  static boolean isPrintableAscii(byte[] raw) {
    if (raw.length == 0) {
      return false;
    }
    for (byte b : raw) {
      if (b != '\n' && b != '\r' && b != '\t' && (b < 0x20 || b > 0x7e)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(String s) {
    if (s.isEmpty() || s.length() % 4 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
              || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String stripWhitespace(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}
