package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.service.UserMentionService.ComposeUserMentionsRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserMentionServiceTest {
  private final TestNetworks t = new TestNetworks().users(4);
  private final UserMentionService service = new UserMentionService(t.storage.users());

  @Test
  void resolvesKnownNamesInTextOrderOnceEach() {
    var mentions = service.composeUserMentions(new ComposeUserMentionsRequest(1,
        List.of("username_3", "ghost", "username_1", "username_3"))).userMentions();
    assertThat(mentions).containsExactly(new UserMention(3, "username_3"), new UserMention(1, "username_1"));
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    assertThat(service.composeUserMentions(new ComposeUserMentionsRequest(1, null)).userMentions()).isEmpty();
  }
}
