package io.spillover.attest.evidence.internal;

/** An SGX enclave REPORT body (384 bytes): the SGX quote body and the QE report. */
public final class EnclaveReport {
  public final byte[] cpuSvn;
  public final long miscSelect;
  public final byte[] attributes;
  public final byte[] mrEnclave;
  public final byte[] mrSigner;
  public final int isvProdId;
  public final int isvSvn;
  public final byte[] reportData;

  EnclaveReport(byte[] body) {
    LeReader r = new LeReader(body, "enclave report");
    cpuSvn = r.bytes(0, 16);
    miscSelect = r.u32(16);
    attributes = r.bytes(48, 16);
    mrEnclave = r.bytes(64, 32);
    mrSigner = r.bytes(128, 32);
    isvProdId = r.u16(256);
    isvSvn = r.u16(258);
    reportData = r.bytes(320, 64);
  }

  /** ATTRIBUTES.DEBUG (bit 1). */
  public boolean debug() {
    return (attributes[0] & 0x02) != 0;
  }
}
