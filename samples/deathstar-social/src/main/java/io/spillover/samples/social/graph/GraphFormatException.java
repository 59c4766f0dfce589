package io.spillover.samples.social.graph;

/** A social-graph file that does not follow the {@code .nodes}/{@code .edges} format; names file and line. */
public class GraphFormatException extends RuntimeException {
  /** A format error described by {@code message} (which names the file and line). */
  public GraphFormatException(String message) {
    super(message);
  }
}
