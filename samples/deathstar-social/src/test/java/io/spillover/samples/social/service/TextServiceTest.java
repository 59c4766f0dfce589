package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.service.TextService.ComposeTextRequest;
import io.spillover.samples.social.service.TextService.ComposeTextResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextServiceTest {
  private final TestNetworks t = new TestNetworks().users(3);

  private ComposeTextResponse compose(String text) {
    t.caller.clear();
    return t.network.call(Operations.TEXT_COMPOSE, new ComposeTextRequest(5, text));
  }

  @Test
  void mentionsFollowThePatternOfTheOriginal() {
    assertThat(TextService.mentionedUsernames("hi @username_1, @user-name_2 and @@x mail a@b.c @"))
        .containsExactly("username_1", "user-name_2", "x", "b");
  }

  @Test
  void aUrlEndsAtTheFirstSlashAsInTheSpecExample() {
    ComposeTextResponse r = compose("see http://a.com/x");
    assertThat(r.urls()).hasSize(1);
    assertThat(r.urls().get(0).expandedUrl()).isEqualTo("http://a.com");
    assertThat(r.urls().get(0).shortenedUrl()).matches("http://short-url/[a-zA-Z0-9]{10}");
  }

  @Test
  void urlsAreReplacedAndTextAfterTheLastUrlIsKept() {
    ComposeTextResponse r = compose("a https://x.org b http://y.io/path end");
    String s0 = r.urls().get(0).shortenedUrl();
    String s1 = r.urls().get(1).shortenedUrl();
    assertThat(r.urls()).extracting(u -> u.expandedUrl()).containsExactly("https://x.org", "http://y.io");
    assertThat(r.text()).isEqualTo("a " + s0 + " b " + s1 + "/path end");
  }

  @Test
  void textWithoutUrlsIsUnchangedAndMentionsAreResolved() {
    ComposeTextResponse r = compose("hello @username_2 @nobody @username_0 @username_2");
    assertThat(r.text()).isEqualTo("hello @username_2 @nobody @username_0 @username_2");
    assertThat(r.urls()).isEmpty();
    assertThat(r.userMentions()).containsExactly(new UserMention(2, "username_2"), new UserMention(0, "username_0"));
  }

  @Test
  void bothHelpersAreCalledEvenWithNothingToResolve() {
    compose("plain");
    assertThat(t.caller.calls()).containsExactly("text.compose-text", "url-shorten.compose-urls",
        "user-mention.compose-user-mentions");
  }

  @Test
  void theWrk2ShapeOfAPostRewritesEveryUrl() {
    String url = "http://" + "a".repeat(64);
    ComposeTextResponse r = compose("x".repeat(256) + " @username_1 " + url + " " + url);
    assertThat(r.urls()).hasSize(2);
    assertThat(r.text()).isEqualTo("x".repeat(256) + " @username_1 " + r.urls().get(0).shortenedUrl() + " "
        + r.urls().get(1).shortenedUrl());
    assertThat(r.userMentions()).containsExactly(new UserMention(1, "username_1"));
  }

  @Test
  void aMissingTextIsABadRequest() {
    assertThatThrownBy(() -> compose(null)).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void emptyTextIsAllowed() {
    assertThat(compose("").text()).isEmpty();
    assertThat(compose("").userMentions()).isEqualTo(List.of());
  }
}
