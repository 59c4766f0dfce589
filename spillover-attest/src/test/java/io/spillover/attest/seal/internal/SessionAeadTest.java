package io.spillover.attest.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import io.spillover.attest.internal.Tinks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The session AEAD speaks Tink's AES-256-GCM (no prefix) format, both ways, and fails closed. */
class SessionAeadTest {
  private final byte[] key = Tinks.randomBytes(32);
  private final byte[] ad = "spillover/v1/call|svc|id".getBytes(StandardCharsets.UTF_8);
  private final byte[] body = "{\"prompt\":\"secret\"}".getBytes(StandardCharsets.UTF_8);

  private Aead tink(byte[] rawKey) throws GeneralSecurityException {
    AesGcmKey k = AesGcmKey.builder()
        .setParameters(AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
            .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build())
        .setKeyBytes(SecretBytes.copyFrom(rawKey, InsecureSecretKeyAccess.get()))
        .build();
    KeysetHandle handle = KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(k).withFixedId(1).makePrimary()).build();
    return Tinks.primitive(handle, Aead.class);
  }

  @Test
  void tinkOpensWhatItSealsAndTheReverse() throws Exception {
    SessionAead ours = new SessionAead(key);
    byte[] sealed = ours.encrypt(body, ad);
    assertThat(sealed).hasSize(12 + body.length + 16);
    assertThat(tink(key).decrypt(sealed, ad)).isEqualTo(body);
    assertThat(ours.decrypt(tink(key).encrypt(body, ad), ad)).isEqualTo(body);
  }

  @Test
  void everyMessageGetsAFreshIv() throws Exception {
    SessionAead aead = new SessionAead(key);
    byte[] a = aead.encrypt(body, ad);
    byte[] b = aead.encrypt(body, ad);
    assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
  }

  @Test
  void aTamperedCiphertextOtherDataOrKeyFailsAndTheAeadStaysUsable() throws Exception {
    SessionAead aead = new SessionAead(key);
    byte[] sealed = aead.encrypt(body, ad);
    byte[] flipped = sealed.clone();
    flipped[20] ^= 1;
    assertThatThrownBy(() -> aead.decrypt(flipped, ad))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> aead.decrypt(sealed, "other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new SessionAead(Tinks.randomBytes(32)).decrypt(sealed, ad))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> aead.decrypt(new byte[27], ad))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("too short");
    assertThat(aead.decrypt(sealed, ad)).isEqualTo(body);
    assertThatThrownBy(() -> new SessionAead(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyThreadsShareOneKey() throws Exception {
    SessionAead aead = new SessionAead(key);
    List<CompletableFuture<Boolean>> runs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      byte[] mine = ("thread " + t).getBytes(StandardCharsets.UTF_8);
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          for (int i = 0; i < 500; i++) {
            if (!java.util.Arrays.equals(aead.decrypt(aead.encrypt(mine, ad), ad), mine)) {
              return false;
            }
          }
          return true;
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<Boolean> r : runs) {
      assertThat(r.get()).isTrue();
    }
  }
}
