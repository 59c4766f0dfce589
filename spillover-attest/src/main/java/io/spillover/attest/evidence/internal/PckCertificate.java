package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.security.cert.X509Certificate;

/** The Intel SGX extensions of a PCK certificate: TCB component SVNs, PCESVN, FMSPC, PCE-ID. */
public final class PckCertificate {
  private static final String SGX = "1.2.840.113741.1.13.1";
  private static final String TCB = SGX + ".2";
  private static final String PCEID = SGX + ".3";
  private static final String FMSPC = SGX + ".4";

  public final int[] sgxTcbComponents = new int[16];
  public int pceSvn = -1;
  public byte[] fmspc;
  public byte[] pceId;

  public PckCertificate(X509Certificate cert) {
    byte[] ext = Der.extensionValue(cert, SGX);
    if (ext == null) {
      throw new MalformedEvidenceException("PCK certificate has no SGX extensions");
    }
    java.util.Arrays.fill(sgxTcbComponents, -1);
    for (Der.Tlv entry : Der.parse(ext).children()) {
      java.util.List<Der.Tlv> kv = entry.children();
      if (kv.size() != 2) {
        continue;
      }
      String oid = kv.get(0).oid();
      if (oid.equals(TCB)) {
        readTcb(kv.get(1));
      } else if (oid.equals(PCEID)) {
        pceId = kv.get(1).value();
      } else if (oid.equals(FMSPC)) {
        fmspc = kv.get(1).value();
      }
    }
    if (fmspc == null || pceId == null || pceSvn < 0) {
      throw new MalformedEvidenceException("PCK certificate lacks FMSPC, PCE-ID or PCESVN");
    }
    for (int c : sgxTcbComponents) {
      if (c < 0) {
        throw new MalformedEvidenceException("PCK certificate lacks an SGX TCB component");
      }
    }
  }

  private void readTcb(Der.Tlv tcb) {
    for (Der.Tlv comp : tcb.children()) {
      java.util.List<Der.Tlv> kv = comp.children();
      if (kv.size() != 2) {
        continue;
      }
      String oid = kv.get(0).oid();
      if (!oid.startsWith(TCB + ".")) {
        continue;
      }
      int index;
      try {
        index = Integer.parseInt(oid.substring(TCB.length() + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      if (index >= 1 && index <= 16) {
        sgxTcbComponents[index - 1] = svn(kv.get(1));
      } else if (index == 17) {
        pceSvn = svn(kv.get(1));
      }
    }
  }

  private static int svn(Der.Tlv t) {
    java.math.BigInteger v = t.integer();
    if (v.signum() < 0 || v.bitLength() > 16) {
      throw new MalformedEvidenceException("PCK TCB SVN out of range");
    }
    return v.intValue();
  }
}
