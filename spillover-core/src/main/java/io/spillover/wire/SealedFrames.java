package io.spillover.wire;

import io.spillover.codec.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the ciphertexts of envelope version 2 hold. A sealed request is one flags byte (bit 0:
 * the caller declared the call idempotent; the other bits are zero) and the body, so the mark is
 * authenticated with the body and the platform cannot flip it. A sealed reply is one kind byte,
 * then either the result body (kind 0) or an error (kind 1: the type's length in one byte, the
 * type in ASCII, the message in UTF-8): errors travel sealed like results.
 */
public final class SealedFrames {
  private static final int IDEMPOTENT = 1;
  private static final byte RESULT = 0;
  private static final byte ERROR = 1;
  private static final int MAX_TYPE = 64;

  private SealedFrames() {}

  /** The plaintext of a sealed request. */
  public static byte[] request(boolean idempotent, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) (idempotent ? IDEMPOTENT : 0);
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** A sealed request's plaintext, taken apart. */
  public record Request(boolean idempotent, byte[] body) {}

  /** @throws CodecException when the plaintext is not a version-2 request frame */
  public static Request openRequest(byte[] plaintext) {
    if (plaintext.length < 1 || (plaintext[0] & ~IDEMPOTENT) != 0) {
      throw new CodecException("not a sealed request frame", null);
    }
    return new Request(plaintext[0] == IDEMPOTENT, Arrays.copyOfRange(plaintext, 1,
        plaintext.length));
  }

  /** The plaintext of a sealed result. */
  public static byte[] result(byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = RESULT;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** The plaintext of a sealed error. */
  public static byte[] error(String type, @Nullable String message) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    if (t.length < 1 || t.length > MAX_TYPE) {
      throw new IllegalArgumentException("error type must have 1.." + MAX_TYPE + " characters");
    }
    byte[] m = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[2 + t.length + m.length];
    out[0] = ERROR;
    out[1] = (byte) t.length;
    System.arraycopy(t, 0, out, 2, t.length);
    System.arraycopy(m, 0, out, 2 + t.length, m.length);
    return out;
  }

  /** A sealed reply's plaintext: a result body, or an error type and message. */
  public record Reply(byte @Nullable [] body, @Nullable String errorType,
      @Nullable String errorMessage) {
    public boolean ok() {
      return errorType == null;
    }
  }

  /** @throws CodecException when the plaintext is not a version-2 reply frame */
  public static Reply openReply(byte[] plaintext) {
    if (plaintext.length >= 1 && plaintext[0] == RESULT) {
      return new Reply(Arrays.copyOfRange(plaintext, 1, plaintext.length), null, null);
    }
    if (plaintext.length < 3 || plaintext[0] != ERROR) {
      throw new CodecException("not a sealed reply frame", null);
    }
    int typeLength = plaintext[1] & 0xff;
    if (typeLength < 1 || typeLength > MAX_TYPE || 2 + typeLength > plaintext.length) {
      throw new CodecException("sealed error frame has a bad type length", null);
    }
    String type = utf8(plaintext, 2, typeLength);
    String message = utf8(plaintext, 2 + typeLength, plaintext.length - 2 - typeLength);
    return new Reply(null, type, message);
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("sealed error frame is not UTF-8", e);
    }
  }
}
