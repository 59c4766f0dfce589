package io.spillover.samples.social.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.BundledData;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.graph.SocialGraphLoader.LoadReport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocialGraphLoaderTest {
  /** The graph bundled with the sample; fails the test (never skips it) when it is missing. */
  private static Path datasets() {
    return BundledData.graphs();
  }

  @Test
  void reed98LoadsAsTheInitScriptDoes() {
    SocialGraph graph = SocialGraph.read(datasets(), "socfb-Reed98");
    assertThat(graph.nodes()).isEqualTo(962);
    assertThat(graph.edges()).isEqualTo(18_812);

    TestNetworks t = new TestNetworks();
    LoadReport report = new SocialGraphLoader(t.frontend).load(graph);
    assertThat(report).isEqualTo(new LoadReport("socfb-Reed98", 962, 18_812, 37_624));

    int maxDegree = 0;
    long degreeSum = 0;
    for (long u = 0; u < 962; u++) {
      int followers = t.frontend.followers(u).size();
      assertThat(t.frontend.followees(u)).as("symmetric for %d", u).hasSize(followers);
      assertThat(followers).as("every node has an edge").isPositive();
      maxDegree = Math.max(maxDegree, followers);
      degreeSum += followers;
    }
    assertThat(maxDegree).isEqualTo(313);
    assertThat(degreeSum).isEqualTo(37_624);
    assertThat(t.storage.users().findByUsername("username_961")).hasValueSatisfying(
        u -> assertThat(u.userId()).isEqualTo(961));
  }

  @Test
  void theFirstEdgeOfTheFileIsFollowedBothWays() throws Exception {
    String first = Files.readAllLines(datasets().resolve("socfb-Reed98/socfb-Reed98.edges")).get(0);
    String[] uv = first.split(" ");
    TestNetworks t = new TestNetworks();
    new SocialGraphLoader(t.frontend).load(SocialGraph.read(datasets(), "socfb-Reed98"));
    long u = Long.parseLong(uv[0]);
    long v = Long.parseLong(uv[1]);
    assertThat(t.frontend.followers(u)).contains(v);
    assertThat(t.frontend.followers(v)).contains(u);
  }

  private static Path dataset(Path dir, String nodes, String edges) throws Exception {
    Path d = Files.createDirectories(dir.resolve("g"));
    Files.writeString(d.resolve("g.nodes"), nodes);
    Files.writeString(d.resolve("g.edges"), edges);
    return dir;
  }

  @Test
  void malformedFilesNameTheLine(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SocialGraph.read(dataset(dir, "3", "1 0\n2 x\n"), "g"))
        .isInstanceOf(GraphFormatException.class).hasMessageContaining("g.edges:2");
    assertThatThrownBy(() -> SocialGraph.read(dataset(dir, "3", "1 0\n\n2 3\n"), "g"))
        .isInstanceOf(GraphFormatException.class).hasMessageContaining(":3").hasMessageContaining("outside 0..2");
    assertThatThrownBy(() -> SocialGraph.read(dataset(dir, "3", "1 1\n"), "g"))
        .isInstanceOf(GraphFormatException.class).hasMessageContaining("self-loop");
    assertThatThrownBy(() -> SocialGraph.read(dataset(dir, "3", "1 0 2\n"), "g"))
        .isInstanceOf(GraphFormatException.class).hasMessageContaining("expected 'u v'");
    assertThatThrownBy(() -> SocialGraph.read(dataset(dir, "many", "1 0\n"), "g"))
        .isInstanceOf(GraphFormatException.class).hasMessageContaining("g.nodes");
  }

  @Test
  void aMissingDatasetSaysWhichFile(@TempDir Path dir) {
    assertThatThrownBy(() -> SocialGraph.read(dir, "nope")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.nodes");
  }

  @Test
  void aSmallGraphLoadsWithItsCounts(@TempDir Path dir) throws Exception {
    TestNetworks t = new TestNetworks();
    LoadReport report = new SocialGraphLoader(t.frontend).load(SocialGraph.read(dataset(dir, "3", "1 0\n2 0\n"), "g"));
    assertThat(report).isEqualTo(new LoadReport("g", 3, 2, 4));
    assertThat(t.frontend.followers(0)).containsExactly(1L, 2L);
  }
}
