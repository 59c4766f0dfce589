package io.spillover.samples.inference.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit records a phase added, by kind: read from the log between two line counts. Refusals
 * the key service counted into a window ({@code KEY_RELEASE_REFUSED_REPEATED}) count with their
 * repeats.
 */
record AuditCounts(Map<String, Long> kinds) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }

  /** The records from line {@code from} (0-based) to the end. */
  static AuditCounts since(Path file, long from) throws IOException {
    Map<String, Long> kinds = new TreeMap<>();
    List<String> all = Files.readAllLines(file);
    for (String line : all.subList((int) Math.min(from, all.size()), all.size())) {
      JsonNode record = JSON.readTree(line);
      String kind = record.path("kind").asString();
      long n = 1;
      if ("KEY_RELEASE_REFUSED_REPEATED".equals(kind)) {
        kind = "KEY_RELEASE_REFUSED";
        n = record.path("details").path("repeats").asLong(1);
      }
      kinds.merge(kind, n, Long::sum);
    }
    return new AuditCounts(kinds);
  }

  long count(String kind) {
    return kinds.getOrDefault(kind, 0L);
  }
}
