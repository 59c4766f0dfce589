package io.spillover.samples.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.plan.Trace;
import io.spillover.samples.social.graph.SocialGraph;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}, with the sample's jar on the classpath instead of
 * {@code target/classes}: the lab finds its trace and graph inside the jar, wherever it is run.
 */
class BundledDataIT {

  @Test
  void theTraceAndTheGraphAreReadFromTheJar() throws IOException {
    assertThat(BundledData.class.getResource("BundledData.class").getProtocol())
        .as("this test must run against the packaged jar").isEqualTo("jar");

    Trace trace = Trace.read(BundledData.trace());
    assertThat(trace.total()).as("code + conv requests").isEqualTo(28_185);

    SocialGraph graph = SocialGraph.read(BundledData.graphs(), BundledData.GRAPH);
    assertThat(graph.nodes()).isEqualTo(962);
    assertThat(graph.edges()).isEqualTo(18_812);
  }
}
