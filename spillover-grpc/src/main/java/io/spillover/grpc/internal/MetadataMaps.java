package io.spillover.grpc.internal;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gRPC metadata to a JSON-friendly map and back; binary ({@code -bin}) values travel base64. */
final class MetadataMaps {
  private MetadataMaps() {}

  static Map<String, List<String>> toMap(Metadata md) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : md.keys()) {
      List<String> values = new ArrayList<>();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> vs = md.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
        if (vs != null) {
          vs.forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
        }
      } else {
        Iterable<String> vs = md.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (vs != null) {
          vs.forEach(values::add);
        }
      }
      out.put(key, values);
    }
    return out;
  }

  static Metadata toMetadata(Map<String, List<String>> map) {
    Metadata md = new Metadata();
    map.forEach((key, values) -> {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key<byte[]> k = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
        values.forEach(v -> md.put(k, Base64.getDecoder().decode(v)));
      } else {
        Metadata.Key<String> k = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
        values.forEach(v -> md.put(k, v));
      }
    });
    return md;
  }
}
