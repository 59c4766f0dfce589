package io.spillover.plan.internal;

import io.spillover.plan.TraceFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Locale;

/** Reads either trace CSV format (see {@code Trace}) into per-second counts. */
public final class TraceParser {
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd")
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendPattern("HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter(Locale.ROOT);

  /** The longest span accepted (about 115 days): guards against a typo'd year filling the heap. */
  static final int MAX_SECONDS = 10_000_000;

  private TraceParser() {}

  public static long[] parse(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String first = in.readLine();
    long lineNo = 1;
    while (first != null && first.isBlank()) {
      first = in.readLine();
      lineNo++;
    }
    if (first == null) {
      throw new TraceFormatException(source, 0, "empty file (no header, no data)");
    }
    String[] cells = first.split(",", -1);
    String head = strip(cells[0]);
    if (head.equalsIgnoreCase("second") && cells.length == 2
        && strip(cells[1]).equalsIgnoreCase("count")) {
      return new PerSecondRows(source).read(in, lineNo);
    }
    if (timestampOrNull(head) != null) {
      return new ArrivalRows(source).read(in, lineNo, first);
    }
    if (head.equalsIgnoreCase("timestamp")) {
      return new ArrivalRows(source).read(in, lineNo, null);
    }
    throw new TraceFormatException(source, lineNo, "unrecognised header '" + first
        + "': expected 'second,count' (per-second counts) or a first column TIMESTAMP"
        + " (raw arrivals, e.g. 2023-11-16 18:17:03.9799600)");
  }

  static String strip(String cell) {
    String s = cell.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  /** Microseconds since the epoch (the zone is unknown and irrelevant: only differences count). */
  static Long timestampOrNull(String text) {
    try {
      LocalDateTime t = LocalDateTime.parse(text, TIMESTAMP);
      return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
          t.getNano() / 1_000L);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** {@code second,count} rows: seconds increase strictly, gaps count zero. */
  private static final class PerSecondRows {
    private final String source;
    private long[] counts = new long[1024];
    private int length;

    PerSecondRows(String source) {
      this.source = source;
    }

    long[] read(BufferedReader in, long headerLine) throws IOException {
      long lineNo = headerLine;
      long previous = -1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != 2) {
          throw new TraceFormatException(source, lineNo,
              "expected 2 columns 'second,count', found " + cells.length + ": '" + line + "'");
        }
        long second = wholeNumber(cells[0], "second", lineNo);
        long count = wholeNumber(cells[1], "count", lineNo);
        if (second <= previous) {
          throw new TraceFormatException(source, lineNo, "second " + second
              + " does not follow second " + previous + " (seconds must increase)");
        }
        if (second >= MAX_SECONDS) {
          throw new TraceFormatException(source, lineNo, "second " + second
              + " is beyond the longest accepted trace (" + MAX_SECONDS + " s)");
        }
        put((int) second, count);
        previous = second;
      }
      if (previous < 0) {
        throw new TraceFormatException(source, 0, "no data rows after the header");
      }
      return Arrays.copyOf(counts, length);
    }

    private long wholeNumber(String cell, String column, long lineNo)
        throws TraceFormatException {
      String text = strip(cell);
      try {
        long value = Long.parseLong(text);
        if (value < 0) {
          throw new TraceFormatException(source, lineNo, column + " must be >= 0, got " + text);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new TraceFormatException(source, lineNo,
            column + " is not a whole number: '" + text + "'");
      }
    }

    private void put(int second, long count) {
      if (second >= counts.length) {
        counts = Arrays.copyOf(counts, Math.max(second + 1, counts.length * 2));
      }
      counts[second] = count;
      length = second + 1;
    }
  }
}
