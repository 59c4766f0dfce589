package io.spillover.codec;

import java.lang.reflect.Type;

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

  /**
   * Decodes to a type with type arguments ({@code List<Post>}). The default handles plain
   * classes only; {@link JacksonCodec} handles every type.
   *
   * @throws CodecException when the bytes are not a valid {@code type} or the codec cannot
   *     decode generic types
   */
  default Object decode(byte[] bytes, Type type) {
    if (type instanceof Class) {
      return decode(bytes, (Class<?>) type);
    }
    throw new CodecException(getClass().getSimpleName() + " decodes plain classes only, not "
        + type.getTypeName(), null);
  }

  /** Whether {@link #encode} produces one JSON value, so the envelope can embed it as it is. */
  default boolean isJson() {
    return false;
  }

  /** The default JSON codec with a private {@code JsonMapper}. */
  static Codec json() {
    return JacksonCodec.DEFAULT;
  }
}
