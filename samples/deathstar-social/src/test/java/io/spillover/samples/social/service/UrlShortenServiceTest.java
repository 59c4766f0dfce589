package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.service.UrlShortenService.ComposeUrlsRequest;
import io.spillover.samples.social.service.UrlShortenService.GetExtendedUrlsRequest;
import io.spillover.samples.social.storage.UrlStore;
import io.spillover.samples.social.storage.internal.InMemoryUrlStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UrlShortenServiceTest {
  private final InMemoryUrlStore store = new InMemoryUrlStore(100);
  private final UrlShortenService service = new UrlShortenService(store, new Random(1));

  @Test
  void everyUrlGetsADistinctShortFormThatIsStored() {
    List<Url> urls = service.composeUrls(new ComposeUrlsRequest(1, List.of("http://a", "http://b", "http://a")))
        .urls();
    assertThat(urls).extracting(Url::expandedUrl).containsExactly("http://a", "http://b", "http://a");
    assertThat(urls).extracting(Url::shortenedUrl).allMatch(s -> s.matches("http://short-url/[a-zA-Z0-9]{10}"))
        .doesNotHaveDuplicates();
    assertThat(store.expand(urls.stream().map(Url::shortenedUrl).toList())).hasSize(3);
  }

  @Test
  void anEmptyListWritesNothing() {
    UrlStore refusing = new UrlStore() {
      @Override
      public List<Url> insertAll(List<Url> urls) {
        throw new AssertionError("must not write");
      }

      @Override
      public Map<String, String> expand(Collection<String> shortenedUrls) {
        return Map.of();
      }
    };
    assertThat(new UrlShortenService(refusing, new Random()).composeUrls(new ComposeUrlsRequest(1, List.of()))
        .urls()).isEmpty();
  }

  @Test
  void aTakenShortUrlIsDrawnAgain() {
    List<List<Url>> batches = new ArrayList<>();
    UrlStore clashOnce = new UrlStore() {
      @Override
      public List<Url> insertAll(List<Url> urls) {
        batches.add(List.copyOf(urls));
        if (batches.size() == 1) {
          store.insertAll(List.of(urls.get(0)));
          return List.of(urls.get(1));
        }
        return store.insertAll(urls);
      }

      @Override
      public Map<String, String> expand(Collection<String> shortenedUrls) {
        return store.expand(shortenedUrls);
      }
    };
    List<Url> urls = new UrlShortenService(clashOnce, new Random(3))
        .composeUrls(new ComposeUrlsRequest(1, List.of("http://a", "http://b"))).urls();
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).hasSize(1);
    assertThat(urls.get(1)).isEqualTo(batches.get(1).get(0)).isNotEqualTo(batches.get(0).get(1));
    assertThat(urls.get(0)).isEqualTo(batches.get(0).get(0));
    assertThat(store.expand(List.of(urls.get(0).shortenedUrl(), urls.get(1).shortenedUrl()))).hasSize(2);
  }

  @Test
  void shortUrlsExpandBackAndUnknownOnesAreNotFound() {
    List<Url> urls = service.composeUrls(new ComposeUrlsRequest(1, List.of("http://x", "http://y"))).urls();
    List<String> shorts = urls.stream().map(Url::shortenedUrl).toList();
    assertThat(service.getExtendedUrls(new GetExtendedUrlsRequest(2, List.of(shorts.get(1), shorts.get(0)))).expandedUrls())
        .containsExactly("http://y", "http://x");
    assertThatThrownBy(() -> service.getExtendedUrls(new GetExtendedUrlsRequest(2, List.of("http://short-url/none"))))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aFullStoreFailsTheCallAndStoresNothing() {
    UrlShortenService small = new UrlShortenService(new InMemoryUrlStore(1), new Random(2));
    assertThatThrownBy(() -> small.composeUrls(new ComposeUrlsRequest(1, List.of("http://a", "http://b"))))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
    assertThat(small.composeUrls(new ComposeUrlsRequest(1, List.of("http://a"))).urls()).hasSize(1);
  }
}
