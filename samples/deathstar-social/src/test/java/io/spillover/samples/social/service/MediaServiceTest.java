package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.service.MediaService.ComposeMediaRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaServiceTest {
  private final MediaService service = new MediaService();

  @Test
  void zipsIdsWithTypesInOrder() {
    var media = service.composeMedia(new ComposeMediaRequest(1, List.of("png", "jpg"), List.of(11L, 22L))).media();
    assertThat(media).containsExactly(new Media(11, "png"), new Media(22, "jpg"));
  }

  @Test
  void nullListsAreEmpty() {
    assertThat(service.composeMedia(new ComposeMediaRequest(1, null, null)).media()).isEmpty();
  }

  @Test
  void listsOfDifferentLengthAreABadRequest() {
    assertThatThrownBy(() -> service.composeMedia(new ComposeMediaRequest(1, List.of("png"), List.of(1L, 2L))))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("not equal");
  }

  @Test
  void aNullElementIsABadRequest() {
    assertThatThrownBy(() -> new ComposeMediaRequest(1, Arrays.asList("png", null), List.of(1L, 2L)))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }
}
