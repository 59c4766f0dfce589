package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;

/** An Intel DCAP ECDSA-P256 quote: v3 (SGX), v4 (TDX 1.0 or SGX), v5 (SGX, TDX 1.0, TDX 1.5). */
public final class DcapQuote {
  public static final int TEE_SGX = 0x00;
  public static final int TEE_TDX = 0x81;
  static final int HEADER = 48;
  static final int SGX_BODY = 384;
  static final int TDX10_BODY = 584;
  static final int TDX15_BODY = 648;
  private static final int CERT_QE_REPORT = 6;
  private static final int CERT_PCK_CHAIN = 5;

  public final int version;
  public final int teeType;
  public final byte[] qeVendorId;
  /** Header and body: the bytes the attestation key signed. */
  public final byte[] signedBytes;
  /** The SGX enclave report (SGX quotes) or null. */
  public final EnclaveReport enclave;
  /** The TD report (TDX quotes) or null. */
  public final TdReport td;
  public final byte[] quoteSignature;
  public final byte[] attestationKey;
  public final EnclaveReport qeReport;
  public final byte[] qeReportBytes;
  public final byte[] qeReportSignature;
  public final byte[] qeAuthData;
  public final byte[] pckChainPem;
  /** Unsigned bytes after the signature data (some producers pad quotes). */
  public final int trailingBytes;

  private DcapQuote(LeReader r) {
    version = r.u16(0);
    int keyType = r.u16(2);
    teeType = (int) r.u32(4);
    qeVendorId = r.bytes(12, 16);
    if (keyType != 2) {
      throw new MalformedEvidenceException("attestation key type " + keyType + " is not ECDSA-P256 (2)");
    }
    int bodyOffset = HEADER;
    int bodySize;
    if (version == 3 || version == 4) {
      bodySize = teeType == TEE_TDX ? TDX10_BODY : SGX_BODY;
      if (version == 3 && teeType != TEE_SGX) {
        throw new MalformedEvidenceException("quote v3 must be SGX");
      }
    } else if (version == 5) {
      int bodyType = r.u16(HEADER);
      bodySize = r.u32Length(HEADER + 2);
      int expected = switch (bodyType) {
        case 1 -> SGX_BODY;
        case 2 -> TDX10_BODY;
        case 3 -> TDX15_BODY;
        default -> throw new MalformedEvidenceException("unknown quote v5 body type " + bodyType);
      };
      if (bodySize != expected) {
        throw new MalformedEvidenceException("quote v5 body type " + bodyType + " has size " + bodySize);
      }
      bodyOffset = HEADER + 6;
    } else {
      throw new MalformedEvidenceException("unsupported quote version " + version);
    }
    if (teeType != TEE_SGX && teeType != TEE_TDX) {
      throw new MalformedEvidenceException(String.format("unknown TEE type 0x%x", teeType));
    }
    byte[] body = r.bytes(bodyOffset, bodySize);
    enclave = bodySize == SGX_BODY ? new EnclaveReport(body) : null;
    td = bodySize == SGX_BODY ? null : new TdReport(body);
    int signedEnd = bodyOffset + bodySize;
    signedBytes = r.bytes(0, signedEnd);
    int sigLen = r.u32Length(signedEnd);
    LeReader s = new LeReader(r.bytes(signedEnd + 4, sigLen), "quote signature data");
    trailingBytes = r.length() - (signedEnd + 4 + sigLen);
    quoteSignature = s.bytes(0, 64);
    attestationKey = s.bytes(64, 64);
    int pos = 128;
    if (version >= 4) {
      int type = s.u16(pos);
      int size = s.u32Length(pos + 2);
      if (type != CERT_QE_REPORT) {
        throw new MalformedEvidenceException("certification data type " + type + " is not QE report (6)");
      }
      s = new LeReader(s.bytes(pos + 6, size), "QE report certification data");
      pos = 0;
    }
    qeReportBytes = s.bytes(pos, SGX_BODY);
    qeReport = new EnclaveReport(qeReportBytes);
    qeReportSignature = s.bytes(pos + SGX_BODY, 64);
    int authLen = s.u16(pos + SGX_BODY + 64);
    qeAuthData = s.bytes(pos + SGX_BODY + 66, authLen);
    int certPos = pos + SGX_BODY + 66 + authLen;
    int certType = s.u16(certPos);
    int certSize = s.u32Length(certPos + 2);
    if (certType != CERT_PCK_CHAIN) {
      throw new MalformedEvidenceException("certification data type " + certType + " is not a PCK chain (5)");
    }
    pckChainPem = s.bytes(certPos + 6, certSize);
  }

  public static DcapQuote parse(byte[] bytes) {
    if (bytes == null) {
      throw new MalformedEvidenceException("no quote");
    }
    return new DcapQuote(new LeReader(bytes, "quote"));
  }

  public boolean tdx() {
    return td != null;
  }

  /** The 64-byte REPORT_DATA of the TD or enclave. */
  public byte[] reportData() {
    return td != null ? td.reportData : enclave.reportData;
  }
}
