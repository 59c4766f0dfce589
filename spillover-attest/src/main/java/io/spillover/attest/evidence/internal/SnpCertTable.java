package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.util.Arrays;

/**
 * The SEV-SNP extended-report certificate table (configfs-tsm auxblob): 24-byte entries
 * {GUID, offset u32, length u32} ended by an all-zero entry; GUIDs in EFI byte order.
 */
public final class SnpCertTable {
  private static final byte[] VCEK = guid("63da758d-e664-4564-adc5-f4b93be8accd");
  private static final byte[] VLEK = guid("a8074bc2-a25a-483e-aae6-39c045a0b8a1");
  private static final byte[] ASK = guid("4ab7b379-bbac-4fe4-a02f-05aef327c782");
  private static final int MAX_ENTRIES = 64;

  private byte[] vcek;
  private byte[] vlek;
  private byte[] ask;

  private SnpCertTable() {}

  public static SnpCertTable parse(byte[] aux) {
    SnpCertTable t = new SnpCertTable();
    if (aux == null || aux.length == 0) {
      return t;
    }
    LeReader r = new LeReader(aux, "SNP certificate table");
    for (int i = 0; ; i++) {
      if (i == MAX_ENTRIES) {
        throw new MalformedEvidenceException("SNP certificate table has no terminator");
      }
      byte[] guid = r.bytes(24 * i, 16);
      if (Sigs.allZero(guid)) {
        return t;
      }
      int offset = r.u32Length(24 * i + 16);
      int length = r.u32Length(24 * i + 20);
      byte[] cert = r.bytes(offset, length);
      if (Arrays.equals(guid, VCEK)) {
        t.vcek = cert;
      } else if (Arrays.equals(guid, VLEK)) {
        t.vlek = cert;
      } else if (Arrays.equals(guid, ASK)) {
        t.ask = cert;
      }
    }
  }

  /** The VLEK if present, else the VCEK, else null. */
  public byte[] endorsementKey() {
    return vlek != null ? vlek : vcek;
  }

  public byte[] ask() {
    return ask;
  }

  /** GUID text to EFI byte order (first three fields little-endian). */
  static byte[] guid(String text) {
    byte[] be = EvidenceHex.decode(text.replace("-", ""));
    byte[] out = be.clone();
    reverse(out, 0, 4);
    reverse(out, 4, 2);
    reverse(out, 6, 2);
    return out;
  }

  private static void reverse(byte[] b, int from, int len) {
    for (int i = 0; i < len / 2; i++) {
      byte t = b[from + i];
      b[from + i] = b[from + len - 1 - i];
      b[from + len - 1 - i] = t;
    }
  }
}
