package io.spillover.attest.evidence.internal;

/** A TDX quote body: TD report of TDX 1.0 (584 bytes) or 1.5 (648 bytes). */
public final class TdReport {
  public final byte[] teeTcbSvn;
  public final byte[] mrSeam;
  public final byte[] mrSignerSeam;
  public final byte[] seamAttributes;
  public final byte[] tdAttributes;
  public final byte[] xfam;
  public final byte[] mrTd;
  public final byte[] mrConfigId;
  public final byte[] mrOwner;
  public final byte[] mrOwnerConfig;
  public final byte[][] rtmrs = new byte[4][];
  public final byte[] reportData;

  TdReport(byte[] body) {
    LeReader r = new LeReader(body, "TD report");
    teeTcbSvn = r.bytes(0, 16);
    mrSeam = r.bytes(16, 48);
    mrSignerSeam = r.bytes(64, 48);
    seamAttributes = r.bytes(112, 8);
    tdAttributes = r.bytes(120, 8);
    xfam = r.bytes(128, 8);
    mrTd = r.bytes(136, 48);
    mrConfigId = r.bytes(184, 48);
    mrOwner = r.bytes(232, 48);
    mrOwnerConfig = r.bytes(280, 48);
    for (int i = 0; i < 4; i++) {
      rtmrs[i] = r.bytes(328 + 48 * i, 48);
    }
    reportData = r.bytes(520, 64);
  }

  /** TD_ATTRIBUTES.DEBUG (bit 0). */
  public boolean debug() {
    return (tdAttributes[0] & 0x01) != 0;
  }
}
