package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to read vendor certificate extensions (AMD TCB / hwID, Intel SGX extensions).
 * Every read is bounds-checked; nesting is shallow so recursion depth is bounded by the input.
 */
public final class Der {
  public static final int INTEGER = 0x02;
  public static final int OCTET_STRING = 0x04;
  public static final int OID = 0x06;
  public static final int ENUMERATED = 0x0a;
  public static final int SEQUENCE = 0x30;

  /** One tag-length-value element. */
  public record Tlv(int tag, byte[] value) {
    public List<Tlv> children() {
      return Der.parseAll(value);
    }

    public BigInteger integer() {
      if ((tag != INTEGER && tag != ENUMERATED) || value.length == 0) {
        throw new MalformedEvidenceException("DER: expected INTEGER, got tag " + tag);
      }
      return new BigInteger(value);
    }

    public String oid() {
      if (tag != OID || value.length == 0) {
        throw new MalformedEvidenceException("DER: expected OBJECT IDENTIFIER, got tag " + tag);
      }
      StringBuilder sb = new StringBuilder();
      long acc = 0;
      for (int i = 0; i < value.length; i++) {
        acc = acc << 7 | (value[i] & 0x7f);
        if ((value[i] & 0x80) == 0) {
          if (sb.length() == 0) {
            int first = (int) Math.min(acc / 40, 2);
            sb.append(first).append('.').append(acc - first * 40L);
          } else {
            sb.append('.').append(acc);
          }
          acc = 0;
        } else if (acc > (Long.MAX_VALUE >> 8)) {
          throw new MalformedEvidenceException("DER: OID arc too large");
        }
      }
      return sb.toString();
    }
  }

  private Der() {}

  /** Parses exactly one element spanning the whole input. */
  public static Tlv parse(byte[] der) {
    List<Tlv> all = parseAll(der);
    if (all.size() != 1) {
      throw new MalformedEvidenceException("DER: expected one element, found " + all.size());
    }
    return all.get(0);
  }

  public static List<Tlv> parseAll(byte[] der) {
    List<Tlv> out = new ArrayList<>();
    int pos = 0;
    while (pos < der.length) {
      if (der.length - pos < 2) {
        throw new MalformedEvidenceException("DER: truncated header");
      }
      int tag = der[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new MalformedEvidenceException("DER: multi-byte tags unsupported");
      }
      int len = der[pos++] & 0xff;
      if (len > 0x7f) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || der.length - pos < n) {
          throw new MalformedEvidenceException("DER: bad length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = len << 8 | (der[pos++] & 0xff);
        }
      }
      if (len > der.length - pos) {
        throw new MalformedEvidenceException("DER: element overruns input");
      }
      out.add(new Tlv(tag, Arrays.copyOfRange(der, pos, pos + len)));
      pos += len;
    }
    return out;
  }

  /** The extnValue content of an extension (the OCTET STRING JCA wraps it in, removed), or null. */
  public static byte[] extensionValue(X509Certificate cert, String oid) {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return null;
    }
    Tlv outer = parse(wrapped);
    if (outer.tag() != OCTET_STRING) {
      throw new MalformedEvidenceException("extension " + oid + " is not wrapped in an OCTET STRING");
    }
    return outer.value();
  }
}
