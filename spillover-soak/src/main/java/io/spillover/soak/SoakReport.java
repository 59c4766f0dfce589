package io.spillover.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a soak measured. {@link #violations()} names every broken invariant: a lost call, a
 * non-idempotent call executed twice, a thread or a worker process left after shutdown.
 */
public record SoakReport(int minutes, long calls, long results, long typedExceptions, long lost,
    long duplicatesExecuted, List<Long> p99MsPerMinute, List<Long> heapAfterGcMbPerMinute,
    int threadsStart, int threadsEnd, long processesStart, long processesEnd) {

  /** The broken invariants, empty when the soak passed. */
  public List<String> violations() {
    List<String> broken = new ArrayList<>();
    if (lost > 0) {
      broken.add(lost + " calls lost");
    }
    if (duplicatesExecuted > 0) {
      broken.add(duplicatesExecuted + " non-idempotent calls executed twice");
    }
    if (threadsEnd > threadsStart) {
      broken.add("threads leaked: " + threadsStart + " -> " + threadsEnd);
    }
    if (processesEnd > processesStart) {
      broken.add("processes leaked: " + processesStart + " -> " + processesEnd);
    }
    return broken;
  }

  /** The report as the JSON object of {@code soak.json}. */
  public String toJson() {
    return "{\n"
        + "  \"minutes\": " + minutes + ",\n"
        + "  \"calls\": " + calls + ",\n"
        + "  \"results\": " + results + ",\n"
        + "  \"typed_exceptions\": " + typedExceptions + ",\n"
        + "  \"lost\": " + lost + ",\n"
        + "  \"duplicates_executed\": " + duplicatesExecuted + ",\n"
        + "  \"p99_ms_per_minute\": " + list(p99MsPerMinute) + ",\n"
        + "  \"heap_after_gc_mb_per_minute\": " + list(heapAfterGcMbPerMinute) + ",\n"
        + "  \"threads_start\": " + threadsStart + ",\n"
        + "  \"threads_end\": " + threadsEnd + ",\n"
        + "  \"processes_start\": " + processesStart + ",\n"
        + "  \"processes_end\": " + processesEnd + "\n"
        + "}\n";
  }

  private static String list(List<Long> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
