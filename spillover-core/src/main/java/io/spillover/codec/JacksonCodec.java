package io.spillover.codec;

import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** JSON bodies with Jackson 3. Bring your own {@link ObjectMapper} to share its modules. */
public final class JacksonCodec implements Codec {
  static final JacksonCodec DEFAULT = new JacksonCodec(JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build());

  private final ObjectMapper mapper;

  private JacksonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** A codec over the caller's mapper (e.g. Spring Boot's). */
  public static JacksonCodec of(ObjectMapper mapper) {
    return new JacksonCodec(mapper);
  }

  @Override
  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new CodecException("cannot encode " + typeName(value) + ": " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T decode(byte[] bytes, Class<T> type) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return mapper.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Object decode(byte[] bytes, Type type) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return mapper.readValue(bytes, mapper.constructType(type));
    } catch (JacksonException e) {
      throw new CodecException("cannot decode " + type.getTypeName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public boolean isJson() {
    return true;
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
