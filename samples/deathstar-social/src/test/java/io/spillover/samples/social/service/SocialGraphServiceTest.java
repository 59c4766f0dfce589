package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.TestNetworks;
import org.junit.jupiter.api.Test;

class SocialGraphServiceTest {
  private final TestNetworks t = new TestNetworks().users(4);

  @Test
  void followChangesBothSidesOnceOldestFirst() {
    assertThat(t.frontend.follow(1, 0)).isTrue();
    t.clock.advance(10);
    assertThat(t.frontend.follow(3, 0)).isTrue();
    t.clock.advance(10);
    assertThat(t.frontend.follow(2, 0)).isTrue();
    assertThat(t.frontend.follow(1, 0)).as("already following").isFalse();
    assertThat(t.frontend.followers(0)).containsExactly(1L, 3L, 2L);
    assertThat(t.frontend.followees(1)).containsExactly(0L);
    assertThat(t.frontend.followees(0)).isEmpty();
  }

  @Test
  void unfollowRemovesBothSides() {
    t.frontend.follow(1, 0);
    assertThat(t.frontend.unfollow(1, 0)).isTrue();
    assertThat(t.frontend.unfollow(1, 0)).isFalse();
    assertThat(t.frontend.followers(0)).isEmpty();
    assertThat(t.frontend.followees(1)).isEmpty();
  }

  @Test
  void usernamesAreResolvedThroughUserService() {
    t.caller.clear();
    assertThat(t.frontend.follow("username_2", "username_3")).isTrue();
    assertThat(t.caller.calls()).containsExactly("social-graph.follow-with-username", "user.get-user-id",
        "user.get-user-id");
    assertThat(t.frontend.followers(3)).containsExactly(2L);
    assertThat(t.frontend.unfollow("username_2", "username_3")).isTrue();
    assertThat(t.frontend.followers(3)).isEmpty();
  }

  @Test
  void unknownUsersAreNotFound() {
    assertThatThrownBy(() -> t.frontend.follow(1, 99)).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> t.frontend.follow("username_1", "ghost")).isInstanceOfSatisfying(
        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(t.frontend.followers(1)).as("nothing half-stored").isEmpty();
    assertThat(t.frontend.followers(99)).isEmpty();
  }

  @Test
  void blankUsernamesAreBadRequests() {
    assertThatThrownBy(() -> t.frontend.follow("", "username_1")).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }
}
