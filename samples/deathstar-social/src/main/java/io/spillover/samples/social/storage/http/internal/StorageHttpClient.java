package io.spillover.samples.social.storage.http.internal;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Json;
import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/** Posts one storage call and decodes its result or rebuilds its {@link ServiceException}. */
public final class StorageHttpClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl base;
  private final OkHttpClient http;

  public StorageHttpClient(HttpUrl base, OkHttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.http = Objects.requireNonNull(http, "http");
  }

  public <T> T post(String path, Object arg, Class<T> resultType) {
    return post(path, arg, Json.MAPPER.constructType(resultType));
  }

  public <T> T post(String path, Object arg, TypeReference<T> resultType) {
    return post(path, arg, Json.MAPPER.constructType(resultType));
  }

  private <T> T post(String path, Object arg, JavaType resultType) {
    HttpUrl url = base.newBuilder().addPathSegment("storage").addPathSegments(path).build();
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(Json.MAPPER.writeValueAsBytes(arg), JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body.bytes();
      if (!response.isSuccessful()) {
        throw failure(path, response.code(), bytes);
      }
      return Json.MAPPER.readValue(bytes, resultType);
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.STORAGE_UNAVAILABLE, "storage " + path + ": " + e, e);
    } catch (JacksonException e) {
      throw new ServiceException(ErrorCode.STORAGE_UNAVAILABLE,
          "storage " + path + " answered garbage: " + e.getOriginalMessage(), e);
    }
  }

  private static ServiceException failure(String path, int status, byte[] body) {
    try {
      StorageWire.Failure failure = Json.MAPPER.readValue(body, StorageWire.Failure.class);
      if (failure != null && failure.code() != null) {
        return new ServiceException(failure.code(), failure.message());
      }
    } catch (JacksonException ignored) {
      // not our error body (a proxy, a crash): report the status below
    }
    return new ServiceException(ErrorCode.STORAGE_UNAVAILABLE, "storage " + path + " answered HTTP " + status);
  }
}
