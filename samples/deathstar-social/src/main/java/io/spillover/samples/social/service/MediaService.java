package io.spillover.samples.social.service;

import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Media;
import java.util.ArrayList;
import java.util.List;

/** media: zips media ids with their types. No state, no I/O: the purest offload candidate. */
public final class MediaService {

  /** {@code ComposeMedia}: two lists of equal length. */
  public record ComposeMediaRequest(long reqId, List<String> mediaTypes, List<Long> mediaIds) {
    /** Copies the lists; null means empty. */
    public ComposeMediaRequest {
      mediaTypes = Checks.copy(mediaTypes, "media_types");
      mediaIds = Checks.copy(mediaIds, "media_ids");
    }
  }

  /** The media, in input order. */
  public record ComposeMediaResponse(List<Media> media) {
    /** Copies the list. */
    public ComposeMediaResponse {
      media = Checks.copy(media, "media");
    }
  }

  /**
   * Pairs {@code mediaIds[i]} with {@code mediaTypes[i]}.
   *
   * @throws ServiceException BAD_REQUEST if the lists differ in length
   */
  public ComposeMediaResponse composeMedia(ComposeMediaRequest request) {
    Checks.present(request, "request");
    if (request.mediaTypes().size() != request.mediaIds().size()) {
      throw ServiceException.badRequest("The lengths of media_id list and media_type list are not equal: "
          + request.mediaIds().size() + " ids, " + request.mediaTypes().size() + " types");
    }
    List<Media> media = new ArrayList<>(request.mediaIds().size());
    for (int i = 0; i < request.mediaIds().size(); i++) {
      media.add(new Media(request.mediaIds().get(i), request.mediaTypes().get(i)));
    }
    return new ComposeMediaResponse(media);
  }
}
