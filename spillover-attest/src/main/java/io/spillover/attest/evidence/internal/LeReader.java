package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.util.Arrays;

/** Bounds-checked little-endian reads over a byte array; every overrun is a typed exception. */
public final class LeReader {
  private final byte[] data;
  private final String what;

  public LeReader(byte[] data, String what) {
    this.data = data;
    this.what = what;
  }

  public int length() {
    return data.length;
  }

  public byte[] bytes(int offset, int len) {
    check(offset, len);
    return Arrays.copyOfRange(data, offset, offset + len);
  }

  public int u8(int offset) {
    check(offset, 1);
    return data[offset] & 0xff;
  }

  public int u16(int offset) {
    check(offset, 2);
    return (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8;
  }

  public long u32(int offset) {
    check(offset, 4);
    return (data[offset] & 0xffL)
        | (data[offset + 1] & 0xffL) << 8
        | (data[offset + 2] & 0xffL) << 16
        | (data[offset + 3] & 0xffL) << 24;
  }

  /** A u32 used as a length or count: must fit in what remains of the buffer. */
  public int u32Length(int offset) {
    long v = u32(offset);
    if (v > data.length) {
      throw new MalformedEvidenceException(what + ": length " + v + " at " + offset + " exceeds input");
    }
    return (int) v;
  }

  public long u64(int offset) {
    return u32(offset) | u32(offset + 4) << 32;
  }

  private void check(int offset, int len) {
    if (offset < 0 || len < 0 || offset > data.length - len) {
      throw new MalformedEvidenceException(
          what + " truncated: need " + len + " bytes at offset " + offset + ", have " + data.length);
    }
  }
}
