package io.spillover.samples.social.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A DeathStarBench social-graph data set read into memory: {@code <name>.nodes} holds the node count
 * n, {@code <name>.edges} one undirected edge {@code u v} per line with 0-based ids below n.
 * Immutable.
 */
public final class SocialGraph {
  private final String name;
  private final int nodes;
  private final int[] sources;
  private final int[] targets;

  private SocialGraph(String name, int nodes, int[] sources, int[] targets) {
    this.name = name;
    this.nodes = nodes;
    this.sources = sources;
    this.targets = targets;
  }

  /** The data set, e.g. {@code socfb-Reed98}. */
  public String name() {
    return name;
  }

  /** The number of users; ids are 0..nodes-1. */
  public int nodes() {
    return nodes;
  }

  /** The number of undirected edges. */
  public int edges() {
    return sources.length;
  }

  /** {@code u} of edge {@code e} (file order). */
  public int source(int e) {
    return sources[e];
  }

  /** {@code v} of edge {@code e} (file order). */
  public int target(int e) {
    return targets[e];
  }

  /**
   * Reads {@code <dir>/<name>/<name>.nodes} and {@code .edges}.
   *
   * @throws GraphFormatException for a malformed line, an id out of range or a self-loop
   * @throws UncheckedIOException if a file is missing or unreadable (the message names it)
   */
  public static SocialGraph read(Path datasetsDir, String name) {
    Objects.requireNonNull(datasetsDir, "datasetsDir");
    Objects.requireNonNull(name, "name");
    Path dir = datasetsDir.resolve(name);
    Path nodesFile = dir.resolve(name + ".nodes");
    Path edgesFile = dir.resolve(name + ".edges");
    int nodes = readNodes(nodesFile);
    IntList sources = new IntList();
    IntList targets = new IntList();
    try (BufferedReader in = Files.newBufferedReader(edgesFile, StandardCharsets.US_ASCII)) {
      String line;
      for (int lineNo = 1; (line = in.readLine()) != null; lineNo++) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2) {
          throw new GraphFormatException(edgesFile + ":" + lineNo + ": expected 'u v', got '" + line + "'");
        }
        int u = id(parts[0], nodes, edgesFile, lineNo);
        int v = id(parts[1], nodes, edgesFile, lineNo);
        if (u == v) {
          throw new GraphFormatException(edgesFile + ":" + lineNo + ": self-loop on " + u);
        }
        sources.add(u);
        targets.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + edgesFile, e);
    }
    return new SocialGraph(name, nodes, sources.toArray(), targets.toArray());
  }

  private static int readNodes(Path nodesFile) {
    String text;
    try {
      text = Files.readString(nodesFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + nodesFile, e);
    }
    try {
      int nodes = Integer.parseInt(text);
      if (nodes <= 0) {
        throw new GraphFormatException(nodesFile + ": node count must be positive, was " + nodes);
      }
      return nodes;
    } catch (NumberFormatException e) {
      throw new GraphFormatException(nodesFile + ": expected the node count, got '" + text + "'");
    }
  }

  private static int id(String token, int nodes, Path file, int lineNo) {
    try {
      int id = Integer.parseInt(token);
      if (id < 0 || id >= nodes) {
        throw new GraphFormatException(file + ":" + lineNo + ": id " + id + " outside 0.." + (nodes - 1));
      }
      return id;
    } catch (NumberFormatException e) {
      throw new GraphFormatException(file + ":" + lineNo + ": '" + token + "' is not an id");
    }
  }

  /** A growable int array, to keep 1.7 M edges (ego-twitter) out of boxed lists. */
  private static final class IntList {
    private int[] items = new int[1024];
    private int size;

    void add(int value) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(items, size);
    }
  }
}
