package io.spillover.plan.internal;

import io.spillover.plan.TraceFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;

/** Raw arrivals, one request per row, first column a timestamp; counted per whole second. */
final class ArrivalRows {
  private static final long MICROS = 1_000_000L;

  private final String source;
  private long[] micros = new long[4096];
  private int size;

  ArrivalRows(String source) {
    this.source = source;
  }

  /**
   * Reads the rows after line {@code lineNo}; {@code firstRow} is that line itself when the file
   * has no header (it is then a data row), else null.
   */
  long[] read(BufferedReader in, long lineNo, String firstRow) throws IOException {
    if (firstRow != null) {
      add(firstRow, lineNo);
    }
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (!line.isBlank()) {
        add(line, lineNo);
      }
    }
    if (size == 0) {
      throw new TraceFormatException(source, 0, "no data rows after the header");
    }
    return count();
  }

  private void add(String line, long lineNo) throws TraceFormatException {
    int comma = line.indexOf(',');
    String cell = TraceParser.strip(comma < 0 ? line : line.substring(0, comma));
    if (cell.isEmpty()) {
      throw new TraceFormatException(source, lineNo, "empty timestamp");
    }
    Long t = TraceParser.timestampOrNull(cell);
    if (t == null) {
      throw new TraceFormatException(source, lineNo, "not a timestamp: '" + cell
          + "' (expected e.g. 2023-11-16 18:17:03.9799600)");
    }
    if (size == micros.length) {
      micros = Arrays.copyOf(micros, size * 2);
    }
    micros[size++] = t;
  }

  /** Seconds are counted from the start of the whole second holding the earliest arrival. */
  private long[] count() throws TraceFormatException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, micros[i]);
      max = Math.max(max, micros[i]);
    }
    long origin = Math.floorDiv(min, MICROS) * MICROS;
    long span = (max - origin) / MICROS + 1;
    if (span > TraceParser.MAX_SECONDS) {
      throw new TraceFormatException(source, 0, "arrivals span " + span
          + " s, beyond the longest accepted trace (" + TraceParser.MAX_SECONDS + " s)");
    }
    long[] counts = new long[(int) span];
    for (int i = 0; i < size; i++) {
      counts[(int) ((micros[i] - origin) / MICROS)]++;
    }
    return counts;
  }
}
