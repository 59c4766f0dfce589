package io.spillover.samples.social;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data the sample ships with (the repository's {@code data/}, copied into the jar by the
 * build): the spike lab's default trace and the socfb-Reed98 social graph. Paths work whether the
 * classes run from {@code target/classes} or from the sample's jar.
 */
public final class BundledData {
  /** The graph the lab loads by default. */
  public static final String GRAPH = "socfb-Reed98";
  private static final String TRACE = "data/traces/azure_llm_2023_combined_per_second.csv";

  private BundledData() {}

  /** The Azure LLM inference 2023 trace, code and conversation merged, counted per second. */
  public static Path trace() {
    return resource(TRACE);
  }

  /** The directory holding {@code socfb-Reed98/socfb-Reed98.nodes} and {@code .edges}. */
  public static Path graphs() {
    return resource("data/deathstar/" + GRAPH + "/" + GRAPH + ".nodes").getParent().getParent();
  }

  private static Path resource(String name) {
    URL url = BundledData.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("bundled data " + name + " is missing from the classpath"
          + " (build the sample with Maven: its pom copies the repository's data/ into it)");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        // a jar's entries are Paths once its file system is open; it stays open (read-only,
        // small) for the JVM's life, as the lab may read the data more than once
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // opened by an earlier call
        }
      }
      return Path.of(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open bundled data " + url, e);
    }
  }
}
