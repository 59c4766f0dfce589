package io.spillover.samples.social.frontend.internal;

import io.spillover.samples.social.internal.Json;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.model.UserMention;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Posts as the original front end renders them: snake_case, every 64-bit integer as a string. */
public final class PostJson {
  private PostJson() {}

  public static byte[] render(List<Post> posts) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (Post post : posts) {
      array.add(render(post));
    }
    return Json.MAPPER.writeValueAsBytes(array);
  }

  static ObjectNode render(Post post) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("post_id", Long.toString(post.postId()));
    ObjectNode creator = node.putObject("creator");
    creator.put("user_id", Long.toString(post.creator().userId()));
    creator.put("username", post.creator().username());
    node.put("req_id", Long.toString(post.reqId()));
    node.put("text", post.text());
    ArrayNode mentions = node.putArray("user_mentions");
    for (UserMention mention : post.userMentions()) {
      mentions.addObject().put("user_id", Long.toString(mention.userId())).put("username", mention.username());
    }
    ArrayNode media = node.putArray("media");
    for (Media item : post.media()) {
      media.addObject().put("media_id", Long.toString(item.mediaId())).put("media_type", item.mediaType());
    }
    ArrayNode urls = node.putArray("urls");
    for (Url url : post.urls()) {
      urls.addObject().put("shortened_url", url.shortenedUrl()).put("expanded_url", url.expandedUrl());
    }
    node.put("timestamp", Long.toString(post.timestamp()));
    node.put("post_type", post.postType().ordinal());
    return node;
  }
}
