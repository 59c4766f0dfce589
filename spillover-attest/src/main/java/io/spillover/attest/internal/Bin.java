package io.spillover.attest.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Length-prefixed binary encoding for everything that is signed, hashed or bound as associated
 * data: each field carries its length, so no two field lists encode to the same bytes.
 */
public final class Bin {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  public static Bin of(String domain) {
    return new Bin().text(domain);
  }

  public Bin text(String value) {
    return bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public Bin bytes(byte[] value) {
    writeInt(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  /** A fixed 8-byte number (its position in the schema fixes its size, so no length). */
  public Bin number(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
    return this;
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  private void writeInt(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** Reads what {@link Bin} wrote, refusing lengths beyond {@code maxField} or past the end. */
  public static final class Reader {
    private final ByteBuffer in;
    private final int maxField;

    public Reader(byte[] data, int maxField) {
      this.in = ByteBuffer.wrap(data);
      this.maxField = maxField;
    }

    public byte[] bytes() {
      int length = in.remaining() >= 4 ? in.getInt() : -1;
      if (length < 0 || length > maxField || length > in.remaining()) {
        throw new IllegalArgumentException("field length out of bounds");
      }
      byte[] value = new byte[length];
      in.get(value);
      return value;
    }

    public String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    public long number() {
      if (in.remaining() < 8) {
        throw new IllegalArgumentException("truncated number");
      }
      return in.getLong();
    }

    public int position() {
      return in.position();
    }

    public boolean atEnd() {
      return !in.hasRemaining();
    }
  }
}
