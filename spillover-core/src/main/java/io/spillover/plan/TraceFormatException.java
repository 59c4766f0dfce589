package io.spillover.plan;

import java.io.IOException;

/** A trace file that is not in either accepted format; the message names the file and line. */
public final class TraceFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;

  public TraceFormatException(String source, long line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file (or other source) that was read. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public long line() {
    return line;
  }
}
