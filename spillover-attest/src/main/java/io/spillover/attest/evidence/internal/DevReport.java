package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.MalformedEvidenceException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The simulator's report: "SPDEV001" | measurement(48) | reportData(64) | timestamp ms (8, BE) |
 * flags(1, bit0 debug) | ECDSA P-256/SHA-256 signature r‖s (64) over everything before it.
 */
public final class DevReport {
  private static final byte[] MAGIC = "SPDEV001".getBytes(StandardCharsets.US_ASCII);
  private static final int SIGNED = 8 + 48 + 64 + 8 + 1;
  public static final int SIZE = SIGNED + 64;

  public final byte[] measurement;
  public final byte[] reportData;
  public final Instant timestamp;
  public final boolean debug;
  private final byte[] signed;
  private final byte[] signature;

  private DevReport(byte[] bytes) {
    signed = Arrays.copyOf(bytes, SIGNED);
    signature = Arrays.copyOfRange(bytes, SIGNED, SIZE);
    measurement = Arrays.copyOfRange(bytes, 8, 56);
    reportData = Arrays.copyOfRange(bytes, 56, 120);
    timestamp = Instant.ofEpochMilli(ByteBuffer.wrap(bytes, 120, 8).getLong());
    debug = (bytes[128] & 1) != 0;
  }

  public static DevReport parse(byte[] bytes) {
    if (bytes.length != SIZE || !Arrays.equals(MAGIC, Arrays.copyOf(bytes, 8))) {
      throw new MalformedEvidenceException("not a dev report (" + bytes.length + " bytes)");
    }
    return new DevReport(bytes);
  }

  public boolean verify(List<PublicKey> trusted) {
    for (PublicKey k : trusted) {
      if (Sigs.es256(k, signed, signature)) {
        return true;
      }
    }
    return false;
  }

  public static byte[] sign(PrivateKey key, byte[] measurement, byte[] reportData, Instant at,
      boolean debug) {
    if (reportData == null || reportData.length != 64) {
      throw new IllegalArgumentException("report data must be 64 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.put(MAGIC).put(measurement).put(reportData).putLong(at.toEpochMilli()).put((byte) (debug ? 1 : 0));
    try {
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initSign(key);
      s.update(b.array(), 0, SIGNED);
      b.put(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign dev report", e);
    }
    return b.array();
  }

  public static KeyPair processKey() {
    return KeyHolder.KEY;
  }

  private static final class KeyHolder {
    static final KeyPair KEY = DevEvidenceKeys.generate();
  }
}
