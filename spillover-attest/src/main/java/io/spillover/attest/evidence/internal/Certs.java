package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.internal.Hex;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Parsing of certificates and CRLs from DER, PEM, hex or base64; every failure is typed. */
public final class Certs {
  private Certs() {}

  /** All certificates in the input, in order (PEM bundle, a single DER, or hex/base64 of either). */
  public static List<X509Certificate> parseAll(byte[] input) {
    byte[] bytes = Encodings.decodeCertificateInput(input);
    try {
      Collection<? extends Certificate> all =
          factory().generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : all) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new MalformedEvidenceException("no certificate found");
      }
      return out;
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof MalformedEvidenceException m) {
        throw m;
      }
      throw new MalformedEvidenceException("not a certificate: " + e.getMessage(), e);
    }
  }

  public static X509Certificate parseOne(byte[] input) {
    List<X509Certificate> all = parseAll(input);
    if (all.size() != 1) {
      throw new MalformedEvidenceException("expected one certificate, found " + all.size());
    }
    return all.get(0);
  }

  public static List<X509Certificate> parsePem(String pem) {
    return parseAll(pem.getBytes(StandardCharsets.US_ASCII));
  }

  public static X509CRL parseCrl(byte[] input) {
    byte[] bytes = Encodings.decodeCertificateInput(input);
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(bytes));
    } catch (CRLException | RuntimeException e) {
      throw new MalformedEvidenceException("not a CRL: " + e.getMessage(), e);
    }
  }

  /** One PEM block of {@code type} (e.g. CERTIFICATE, PUBLIC KEY) around {@code der}. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** The certificates as a PEM bundle, in order. */
  public static String toPem(List<X509Certificate> certs) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : certs) {
      out.append(pem("CERTIFICATE", der(c)));
    }
    return out.toString();
  }

  public static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  public static String sha256Fingerprint(X509Certificate cert) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean isSelfIssued(X509Certificate cert) {
    return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("JDK has no X.509 certificate factory", e);
    }
  }
}
