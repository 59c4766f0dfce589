package io.spillover.samples.social.model;

import io.spillover.samples.social.internal.Checks;
import java.util.List;

/**
 * A stored post, as DeathStarBench's {@code Post} struct. Lists are never null (absent means empty).
 *
 * @param timestamp milliseconds since the Unix epoch, taken by compose-post
 */
public record Post(long postId, Creator creator, long reqId, String text, List<UserMention> userMentions,
    List<Media> media, List<Url> urls, long timestamp, PostType postType) {

  /** Copies the lists; rejects a post without creator, text or type. */
  public Post {
    Checks.present(creator, "creator");
    Checks.present(text, "text");
    Checks.present(postType, "post_type");
    userMentions = Checks.copy(userMentions, "user_mentions");
    media = Checks.copy(media, "media");
    urls = Checks.copy(urls, "urls");
  }
}
