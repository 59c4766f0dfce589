package io.spillover.samples.social.internal;

import io.spillover.samples.social.ServiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Request validation shared by the DTOs and services; every failure is a BAD_REQUEST. */
public final class Checks {
  private Checks() {}

  /**
   * An unmodifiable copy of {@code list}; {@code null} becomes empty (Thrift has no null lists, and
   * JSON callers often omit empty ones). A null element is a malformed request.
   */
  public static <T> List<T> copy(List<T> list, String field) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(list.size());
    for (T item : list) {
      if (item == null) {
        throw ServiceException.badRequest(field + " contains null");
      }
      out.add(item);
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code value} if it is non-null and not blank, else a BAD_REQUEST naming the field. */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ServiceException.badRequest(field + " is missing");
    }
    return value;
  }

  /** {@code value} if non-null, else a BAD_REQUEST naming the field. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw ServiceException.badRequest(field + " is missing");
    }
    return value;
  }
}
