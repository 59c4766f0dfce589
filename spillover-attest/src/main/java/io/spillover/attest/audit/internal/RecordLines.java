package io.spillover.attest.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an audit log into its lines at {@code '\n'} (and only there), keeping what a line-based
 * reader would hide: whether the last line has its line end, and lines too long to be a record.
 */
final class RecordLines {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  RecordLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * One line of the log.
   *
   * @param bytes the line without its line end; null when it was longer than the maximum
   * @param terminated whether a line end followed it (false only for the last line)
   */
  record Line(byte[] bytes, boolean terminated) {}

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        return any ? new Line(tooLong ? null : line.toByteArray(), false) : null;
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (!tooLong && line.size() + length <= maxLineBytes) {
        line.write(buffer, start, length);
      } else {
        tooLong = true;
      }
      if (position < limit) {
        position++; // the line end
        return new Line(tooLong ? null : line.toByteArray(), true);
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
