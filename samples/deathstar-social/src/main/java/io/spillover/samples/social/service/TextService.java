package io.spillover.samples.social.service;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.internal.Fanout;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.service.UrlShortenService.ComposeUrlsRequest;
import io.spillover.samples.social.service.UserMentionService.ComposeUserMentionsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * text: finds {@code @mentions} and URLs in a post text, has url-shorten and user-mention resolve
 * them (in parallel), and rewrites every URL to its short form. The text after the last URL is
 * kept (the original drops it).
 */
public final class TextService {
  /** A mention: '@' and at least one of [a-zA-Z0-9_-]. */
  public static final Pattern MENTION = Pattern.compile("@[a-zA-Z0-9_-]+");
  /** A URL as the original matches it: '/', ':', '?', '#', '@' and ',' end it. */
  public static final Pattern URL = Pattern.compile("(http://|https://)([a-zA-Z0-9_!~*'().&=+$%-]+)");

  /** {@code ComposeText}. */
  public record ComposeTextRequest(long reqId, String text) {}

  /** The rewritten text with the mentions and URLs found in it. */
  public record ComposeTextResponse(String text, List<UserMention> userMentions, List<Url> urls) {
    /** Copies the lists. */
    public ComposeTextResponse {
      userMentions = Checks.copy(userMentions, "user_mentions");
      urls = Checks.copy(urls, "urls");
    }
  }

  private final ServiceClient services;
  private final Fanout fanout;

  /** A service calling url-shorten and user-mention through {@code services}. */
  public TextService(ServiceClient services, Fanout fanout) {
    this.services = Objects.requireNonNull(services, "services");
    this.fanout = Objects.requireNonNull(fanout, "fanout");
  }

  /**
   * Parses and rewrites the text.
   *
   * @throws ServiceException BAD_REQUEST if the text is missing
   */
  public ComposeTextResponse composeText(ComposeTextRequest request) {
    Checks.present(request, "request");
    String text = Checks.present(request.text(), "text");
    List<String> usernames = mentionedUsernames(text);
    List<MatchResult> urlMatches = URL.matcher(text).results().toList();
    List<String> urls = urlMatches.stream().map(MatchResult::group).toList();

    CompletableFuture<List<Url>> shortened = fanout.start(() -> services.call(
        Operations.URL_SHORTEN_COMPOSE_URLS, new ComposeUrlsRequest(request.reqId(), urls)).urls());
    CompletableFuture<List<UserMention>> mentions = fanout.start(() -> services.call(
        Operations.USER_MENTION_COMPOSE, new ComposeUserMentionsRequest(request.reqId(), usernames))
        .userMentions());
    List<Url> shortUrls = Fanout.join(shortened);
    List<UserMention> userMentions = Fanout.join(mentions);
    if (shortUrls.size() != urlMatches.size()) {
      throw new ServiceException(ErrorCode.INTERNAL,
          "url-shorten returned " + shortUrls.size() + " URLs for " + urlMatches.size());
    }
    return new ComposeTextResponse(rewrite(text, urlMatches, shortUrls), userMentions, shortUrls);
  }

  private static String rewrite(String text, List<MatchResult> matches, List<Url> shortUrls) {
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int previousEnd = 0;
    for (int i = 0; i < matches.size(); i++) {
      out.append(text, previousEnd, matches.get(i).start()).append(shortUrls.get(i).shortenedUrl());
      previousEnd = matches.get(i).end();
    }
    return out.append(text, previousEnd, text.length()).toString();
  }

  /** The usernames mentioned in {@code text}, in order, with duplicates. */
  public static List<String> mentionedUsernames(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      names.add(m.group().substring(1));
    }
    return names;
  }
}
