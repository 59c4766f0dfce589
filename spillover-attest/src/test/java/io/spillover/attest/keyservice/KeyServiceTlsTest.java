package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key service over HTTPS (JDK HttpsServer) with a self-signed certificate made by keytool. */
class KeyServiceTlsTest {
  private static final String PASSWORD = "changeit";

  @TempDir Path dir;

  private Path keyStore() throws Exception {
    Path store = dir.resolve("keyservice.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "keyservice",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return store;
  }

  @Test
  void servesOverHttpsToClientsThatTrustItsCertificate() throws Exception {
    Path store = keyStore();
    KeyServiceFixture ks = new KeyServiceFixture(dir, b -> b.tls(
        new KeyServiceConfig.Tls(store, PASSWORD.toCharArray(), "PKCS12")));
    try (ks) {
      assertThat(ks.service.uri().getScheme()).isEqualTo("https");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        trust.load(in, PASSWORD.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      OkHttpClient http = new OkHttpClient.Builder()
          .sslSocketFactory(ssl.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0])
          .build();
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(ks.service.uri().toString())
          .keyServiceVerifyKeyset(ks.service.verifyKeyset()).clock(ks.clock).httpClient(http)
          .build();
      assertThat(client.attest("compose", ks.tee).function()).isEqualTo("compose");
      assertThat(client.publicKeyset("compose", ks.frontend).function()).isEqualTo("compose");
      assertThatThrownBy(() -> ks.client.nonce()) // default trust does not know the certificate
          .isInstanceOf(KeyServiceException.class).hasMessageContaining("cannot reach");
    }
  }
}
