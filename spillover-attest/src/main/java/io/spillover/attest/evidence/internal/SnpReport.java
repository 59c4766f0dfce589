package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.SnpTcb;
import java.util.Arrays;

/** An AMD SEV-SNP ATTESTATION_REPORT (ABI spec, little-endian), parsed with bounds checks. */
public final class SnpReport {
  public static final int SIZE = 0x4A0;
  public static final int SIGNED_LENGTH = 0x2A0;
  public static final long POLICY_DEBUG = 1L << 19;
  private static final int SIG_COMPONENT = 72;
  private static final int P384_BYTES = 48;

  /** Which key signed the report (flags bits 4:2). */
  public enum SigningKey { VCEK, VLEK, NONE, RESERVED }

  public final int version;
  public final long policy;
  public final int vmpl;
  public final long signatureAlgo;
  public final long flags;
  public final byte[] reportData;
  public final byte[] measurement;
  public final byte[] hostData;
  public final byte[] idKeyDigest;
  public final byte[] authorKeyDigest;
  public final byte[] reportedTcb;
  public final int cpuidFamily;
  public final byte[] chipId;
  public final byte[] signedBytes;
  private final byte[] signatureR;
  private final byte[] signatureS;
  private final boolean signatureCanonical;

  private SnpReport(LeReader r) {
    version = (int) r.u32(0x000);
    if (version < 2) {
      throw new MalformedEvidenceException("SNP report version " + version + " unsupported (need >= 2)");
    }
    policy = r.u64(0x008);
    vmpl = (int) r.u32(0x030);
    signatureAlgo = r.u32(0x034);
    flags = r.u32(0x048);
    reportData = r.bytes(0x050, 64);
    measurement = r.bytes(0x090, 48);
    hostData = r.bytes(0x0C0, 32);
    idKeyDigest = r.bytes(0x0E0, 48);
    authorKeyDigest = r.bytes(0x110, 48);
    reportedTcb = r.bytes(0x180, 8);
    // CPUID family = base family + extended family (v3+; zero in v2 reports)
    cpuidFamily = version >= 3 ? r.u8(0x188) : 0;
    chipId = r.bytes(0x1A0, 64);
    signedBytes = r.bytes(0, SIGNED_LENGTH);
    byte[] rLe = r.bytes(SIGNED_LENGTH, SIG_COMPONENT);
    byte[] sLe = r.bytes(SIGNED_LENGTH + SIG_COMPONENT, SIG_COMPONENT);
    // each component is 72 bytes little-endian: the 48 low-order bytes come first
    signatureCanonical = Sigs.allZero(Arrays.copyOfRange(rLe, P384_BYTES, SIG_COMPONENT))
        && Sigs.allZero(Arrays.copyOfRange(sLe, P384_BYTES, SIG_COMPONENT));
    signatureR = Sigs.reverse(Arrays.copyOf(rLe, P384_BYTES));
    signatureS = Sigs.reverse(Arrays.copyOf(sLe, P384_BYTES));
  }

  public static SnpReport parse(byte[] bytes) {
    if (bytes == null || bytes.length != SIZE) {
      throw new MalformedEvidenceException(
          "SNP report must be " + SIZE + " bytes, got " + (bytes == null ? 0 : bytes.length));
    }
    return new SnpReport(new LeReader(bytes, "SNP report"));
  }

  public boolean debugAllowed() {
    return (policy & POLICY_DEBUG) != 0;
  }

  public boolean chipIdMasked() {
    return (flags & 0b10) != 0;
  }

  public SigningKey signingKey() {
    int k = (int) ((flags >> 2) & 0b111);
    return switch (k) {
      case 0 -> SigningKey.VCEK;
      case 1 -> SigningKey.VLEK;
      case 7 -> SigningKey.NONE;
      default -> SigningKey.RESERVED;
    };
  }

  /** The P1363 signature r‖s (big-endian, 96 bytes); null when the upper bytes are not zero. */
  public byte[] signatureP1363() {
    if (!signatureCanonical) {
      return null;
    }
    byte[] out = new byte[2 * P384_BYTES];
    System.arraycopy(signatureR, 0, out, 0, P384_BYTES);
    System.arraycopy(signatureS, 0, out, P384_BYTES, P384_BYTES);
    return out;
  }

  /** REPORTED_TCB decoded for the product (Turin moved the fields and added FMC). */
  public SnpTcb reportedTcb(boolean turin) {
    int[] b = new int[8];
    for (int i = 0; i < 8; i++) {
      b[i] = reportedTcb[i] & 0xff;
    }
    return turin ? new SnpTcb(b[1], b[2], b[3], b[7], b[0]) : new SnpTcb(b[0], b[1], b[6], b[7], 0);
  }

  /** REPORTED_TCB as the u64 hex the AMD tools print. */
  public String reportedTcbHex() {
    return String.format("0x%016x", new LeReader(reportedTcb, "tcb").u64(0));
  }
}
