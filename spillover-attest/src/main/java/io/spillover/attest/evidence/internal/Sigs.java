package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/** JDK signature checks over vendor evidence (ECDSA with raw r‖s signatures) and digests. */
public final class Sigs {
  private Sigs() {}

  /** ECDSA P-384/SHA-384 over data, signature as r‖s (96 bytes). */
  public static boolean es384(PublicKey key, byte[] data, byte[] rs) {
    return verify("SHA384withECDSAinP1363Format", key, data, rs);
  }

  /** ECDSA P-256/SHA-256 over data, signature as r‖s (64 bytes). */
  public static boolean es256(PublicKey key, byte[] data, byte[] rs) {
    return verify("SHA256withECDSAinP1363Format", key, data, rs);
  }

  private static boolean verify(String alg, PublicKey key, byte[] data, byte[] rs) {
    try {
      Signature s = Signature.getInstance(alg);
      s.initVerify(key);
      s.update(data);
      return s.verify(rs);
    } catch (SignatureException e) {
      return false; // a malformed signature is a failed signature
    } catch (GeneralSecurityException e) {
      throw new VerificationFailure("signature check impossible: " + e.getMessage());
    }
  }

  /** A P-256 public key from its raw x‖y coordinates (64 bytes), as in DCAP quotes. */
  public static PublicKey p256(byte[] xy) {
    if (xy.length != 64) {
      throw new MalformedEvidenceException("P-256 key must be 64 bytes, got " + xy.length);
    }
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      ECPoint point = new ECPoint(
          new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
          new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    } catch (GeneralSecurityException e) {
      throw new MalformedEvidenceException("invalid P-256 attestation key: " + e.getMessage(), e);
    }
  }

  public static byte[] sha256(byte[]... parts) {
    return digest("SHA-256", parts);
  }

  public static byte[] sha384(byte[]... parts) {
    return digest("SHA-384", parts);
  }

  public static byte[] sha512(byte[]... parts) {
    return digest("SHA-512", parts);
  }

  private static byte[] digest(String alg, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(alg);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean allZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  public static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }
}
