package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.SnpTcb;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The AMD-specific extensions of a VCEK/VLEK certificate: product, TCB levels, hardware ID. */
public final class VcekCertificate {
  private static final String AMD = "1.3.6.1.4.1.3704.1.";
  private static final String PRODUCT = AMD + "2";
  private static final String BL = AMD + "3.1";
  private static final String TEE = AMD + "3.2";
  private static final String SNP = AMD + "3.3";
  private static final String UCODE = AMD + "3.8";
  private static final String FMC = AMD + "3.9";
  private static final String HWID = AMD + "4";

  private final X509Certificate cert;

  public VcekCertificate(X509Certificate cert) {
    this.cert = cert;
  }

  /** Product name, e.g. "Milan-B0", "Genoa"; null when absent. */
  public String product() {
    byte[] v = Der.extensionValue(cert, PRODUCT);
    if (v == null) {
      return null;
    }
    Der.Tlv t = Der.parse(v);
    return new String(t.value(), StandardCharsets.US_ASCII);
  }

  public boolean turin() {
    String p = product();
    return p != null && p.startsWith("Turin");
  }

  /** The hwID extension (chip id), or null (VLEK certificates have none). */
  public byte[] hardwareId() {
    byte[] v = Der.extensionValue(cert, HWID);
    if (v == null) {
      return null;
    }
    // KDS certificates carry the raw bytes; tolerate a DER OCTET STRING around them
    if (v.length > 2 && v[0] == Der.OCTET_STRING && (v[1] & 0xff) == v.length - 2) {
      return Der.parse(v).value();
    }
    return v;
  }

  /**
   * Compares the certificate's TCB extensions with the report's REPORTED_TCB; returns the
   * mismatches (empty when bound). A certificate without any TCB extension is a mismatch.
   */
  public List<String> tcbMismatches(SnpTcb reported) {
    List<String> out = new ArrayList<>();
    int present = 0;
    present += compare(BL, "bootloader", reported.bootloader(), out);
    present += compare(TEE, "tee", reported.tee(), out);
    present += compare(SNP, "snp", reported.snp(), out);
    present += compare(UCODE, "microcode", reported.microcode(), out);
    present += compare(FMC, "fmc", reported.fmc(), out);
    if (present == 0) {
      out.add("certificate has no TCB extensions");
    }
    return out;
  }

  private int compare(String oid, String name, int reported, List<String> out) {
    byte[] v = Der.extensionValue(cert, oid);
    if (v == null) {
      return 0;
    }
    long certified;
    try {
      certified = Der.parse(v).integer().longValueExact();
    } catch (ArithmeticException e) {
      throw new MalformedEvidenceException("VCEK " + name + " SPL out of range");
    }
    if (certified != reported) {
      out.add(name + " certified " + certified + " but reported " + reported);
    }
    return 1;
  }
}
