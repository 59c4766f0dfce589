package io.spillover.codec;

/**
 * Turns request and reply bodies into bytes and back. The default is {@link JacksonCodec} (JSON,
 * Jackson 3); a codec whose output is not JSON returns {@code false} from {@link #isJson()} and its
 * bytes travel base64-encoded inside the envelope.
 */
public interface Codec {

  /** @throws CodecException when the value cannot be encoded */
  byte[] encode(Object value);

  /** @throws CodecException when the bytes are not a valid {@code type} */
  <T> T decode(byte[] bytes, Class<T> type);

  /** Whether {@link #encode} produces one JSON value, so the envelope can embed it as it is. */
  default boolean isJson() {
    return false;
  }

  /** The default JSON codec with a private {@code JsonMapper}. */
  static Codec json() {
    return JacksonCodec.DEFAULT;
  }
}
