package io.spillover.samples.social.graph;

import io.spillover.samples.social.frontend.SocialFrontend;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link SocialGraph} into a running social network through its front end, as
 * DeathStarBench's {@code init_social_graph.py} does: registers user i as {@code username_<i>}
 * (first name {@code first_name_<i>}, last name {@code last_name_<i>}, password {@code password_<i>},
 * user id i), then follows both directions of every edge.
 */
public final class SocialGraphLoader {
  private static final Logger LOG = LoggerFactory.getLogger(SocialGraphLoader.class);

  /**
   * What a load did.
   *
   * @param users users registered
   * @param edges undirected edges read
   * @param followRelations directed follow relations created (2 per edge unless the file repeats one)
   */
  public record LoadReport(String graph, int users, int edges, int followRelations) {}

  private final SocialFrontend frontend;

  /** A loader calling {@code frontend}. */
  public SocialGraphLoader(SocialFrontend frontend) {
    this.frontend = Objects.requireNonNull(frontend, "frontend");
  }

  /** The username of graph node {@code i}. */
  public static String username(int i) {
    return "username_" + i;
  }

  /** Registers every node and follows every edge both ways; stops at the first failure. */
  public LoadReport load(SocialGraph graph) {
    Objects.requireNonNull(graph, "graph");
    for (int i = 0; i < graph.nodes(); i++) {
      frontend.registerUser("first_name_" + i, "last_name_" + i, username(i), "password_" + i, i);
    }
    int relations = 0;
    for (int e = 0; e < graph.edges(); e++) {
      int u = graph.source(e);
      int v = graph.target(e);
      relations += frontend.follow(u, v) ? 1 : 0;
      relations += frontend.follow(v, u) ? 1 : 0;
    }
    LoadReport report = new LoadReport(graph.name(), graph.nodes(), graph.edges(), relations);
    LOG.info("loaded social graph {}: {} users, {} edges, {} follow relations", report.graph(),
        report.users(), report.edges(), report.followRelations());
    return report;
  }
}
