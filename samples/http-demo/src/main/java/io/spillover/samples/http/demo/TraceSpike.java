package io.spillover.samples.http.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The busiest window of a per-second trace, scaled to a mean rate, as arrival offsets. */
final class TraceSpike {
  private TraceSpike() {}

  static long[] offsets(Path csv, int seconds, double meanRps) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    double[] counts = lines.stream().skip(1).filter(l -> !l.isBlank())
        .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    int best = 0;
    double bestSum = -1;
    for (int s = 0; s + seconds <= counts.length; s++) {
      double sum = 0;
      for (int i = s; i < s + seconds; i++) {
        sum += counts[i];
      }
      if (sum > bestSum) {
        bestSum = sum;
        best = s;
      }
    }
    double scale = bestSum <= 0 ? 0 : meanRps * seconds / bestSum;
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      long n = Math.round(counts[best + i] * scale);
      for (long k = 0; k < n; k++) {
        out.add((long) ((i + (double) k / n) * 1e9));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
