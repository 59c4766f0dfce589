package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.internal.TsmFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceSourcesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final byte[] pk = "an-hpke-public-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
  private final byte[] nonce = "nonce-from-key-service".getBytes(StandardCharsets.US_ASCII);

  private DevEvidenceSource devSource(boolean debug) {
    return DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT).clock(clock).debug(debug).build();
  }

  private DevEvidenceVerifier devVerifier() {
    return DevEvidenceVerifier.builder().deployment(Deployment.DEVELOPMENT)
        .trust(DevEvidenceSource.processPublicKey()).build();
  }

  @Test
  void devEvidenceBindsKeyAndNonceAndPassesAPinnedPolicy() {
    Evidence e = devSource(false).fetchBound(pk, nonce);
    AttestationPolicy policy = AttestationPolicy.builder().allowMeasurement("00".repeat(48)).bindTo(pk, nonce)
        .maxEvidenceAge(Duration.ofMinutes(1)).build();
    AttestationResult r = devVerifier().verify(e, policy, T0.plusSeconds(30));
    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.reportData()).isEqualTo(io.spillover.attest.internal.Hex.encode(ReportDataBinding.reportData(pk, nonce)));
    assertThat(r.platform()).isEqualTo(Platform.DEV);
    assertThat(devVerifier().verify(e, policy, T0.plusSeconds(120)).reason()).contains("older than");
  }

  @Test
  void reportDataBindingMismatchIsRefused() {
    Evidence e = devSource(false).fetchBound(pk, nonce);
    byte[] otherNonce = nonce.clone();
    otherNonce[0] ^= 1;
    AttestationPolicy policy = AttestationPolicy.builder().anyMeasurement().bindTo(pk, otherNonce).build();
    AttestationResult r = devVerifier().verify(e, policy, T0);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("SHA-512(publicKey || nonce)");
    // and on real SNP evidence, whose report data is not our binding
    AttestationResult snp = SnpVerifier.withBundledRoots().verify(
        Evidence.snp(SharedData.bytes("snp/milan-trustee/test-report.bin"),
            SharedData.certs("snp/milan-trustee/test-vcek.der").get(0),
            SharedData.certs("snp/milan-gsg/ask_ark_milan.pem")),
        AttestationPolicy.builder().anyMeasurement().bindTo(pk, nonce).build(), Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(snp.reason()).contains("SHA-512(publicKey || nonce)");
  }

  @Test
  void devDebugEvidenceIsRefusedByDefault() {
    AttestationResult r = devVerifier().verify(devSource(true).fetch(new byte[64]),
        AttestationPolicy.builder().anyMeasurement().build(), T0);
    assertThat(r.reason()).contains("debug");
  }

  @Test
  void devEvidenceFromAnUntrustedKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    DevEvidenceVerifier other = DevEvidenceVerifier.builder().deployment(Deployment.DEVELOPMENT)
        .trust(g.generateKeyPair().getPublic()).build();
    AttestationResult r = other.verify(devSource(false).fetch(new byte[64]),
        AttestationPolicy.builder().anyMeasurement().build(), T0);
    assertThat(r.reason()).contains("not signed by a trusted simulator key");
  }

  @Test
  void productionRefusesTheSimulatorUnlessExplicitlyAllowed() {
    assertThatThrownBy(() -> DevEvidenceSource.builder().deployment(Deployment.PRODUCTION).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused in production");
    assertThatThrownBy(() -> DevEvidenceVerifier.builder().deployment(Deployment.PRODUCTION)
        .trust(DevEvidenceSource.processPublicKey()).build()).isInstanceOf(IllegalStateException.class);
    // explicitly allowed: it builds (and logs a WARN)
    assertThat(DevEvidenceSource.builder().deployment(Deployment.PRODUCTION).allowInProduction().build()
        .platform()).isEqualTo(Platform.DEV);
    String old = System.getProperty(Deployment.PROPERTY);
    try {
      System.clearProperty(Deployment.PROPERTY);
      assertThat(Deployment.current()).isEqualTo(Deployment.PRODUCTION);
      System.setProperty(Deployment.PROPERTY, "development");
      assertThat(Deployment.current()).isEqualTo(Deployment.DEVELOPMENT);
    } finally {
      if (old == null) {
        System.clearProperty(Deployment.PROPERTY);
      } else {
        System.setProperty(Deployment.PROPERTY, old);
      }
    }
  }

  /** Emulates the kernel: mkdir creates the attributes, writing inblob produces the report. */
  private static final class FakeConfigfs implements TsmFs {
    final List<String> calls = new ArrayList<>();
    final byte[] report;
    final byte[] aux;
    final String provider;
    final AtomicReference<byte[]> inblob = new AtomicReference<>();
    int generation = 1;

    FakeConfigfs(String provider, byte[] report, byte[] aux) {
      this.provider = provider;
      this.report = report;
      this.aux = aux;
    }

    @Override
    public void mkdir(Path dir) throws IOException {
      calls.add("mkdir");
      Files.createDirectory(dir);
    }

    @Override
    public void write(Path file, byte[] data) {
      calls.add("write " + file.getFileName());
      inblob.set(data.clone());
    }

    @Override
    public byte[] read(Path file) {
      calls.add("read " + file.getFileName());
      return switch (file.getFileName().toString()) {
        case "outblob" -> report;
        case "auxblob" -> aux;
        case "provider" -> (provider + "\n").getBytes(StandardCharsets.US_ASCII);
        case "generation" -> (generation + "\n").getBytes(StandardCharsets.US_ASCII);
        default -> throw new IllegalArgumentException(file.toString());
      };
    }

    @Override
    public boolean exists(Path file) {
      return file.getFileName().toString().equals("auxblob") && aux != null;
    }

    @Override
    public void rmdir(Path dir) throws IOException {
      calls.add("rmdir");
      Files.delete(dir);
    }
  }

  @Test
  void configfsTsmSnpReadsReportAndCertificateTable(@TempDir Path root) throws Exception {
    byte[] report = SharedData.bytes("snp/milan-trustee/test-report.bin");
    byte[] vcek = SharedData.bytes("snp/milan-trustee/test-vcek.der");
    byte[] ask = SharedData.certs("snp/milan-gsg/ask_ark_milan.pem").get(0).getEncoded();
    FakeConfigfs fs = new FakeConfigfs("sev_guest", report, certTable(vcek, ask));
    ConfigfsTsmEvidenceSource source = new ConfigfsTsmEvidenceSource(root, fs, Platform.SEV_SNP);
    byte[] reportData = ReportDataBinding.reportData(pk, nonce);
    Evidence e = source.fetch(reportData);
    assertThat(fs.inblob.get()).isEqualTo(reportData);
    assertThat(fs.calls).startsWith("mkdir", "write inblob", "read outblob").endsWith("rmdir");
    try (var entries = Files.list(root)) {
      assertThat(entries).isEmpty();
    }
    AttestationResult r = SnpVerifier.withBundledRoots().verify(e, AttestationPolicy.builder().anyMeasurement().build(),
        Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(r.valid()).as(r.reason()).isTrue();
  }

  @Test
  void configfsTsmRefusesARacedEntryAndCleansUp(@TempDir Path root) {
    FakeConfigfs fs = new FakeConfigfs("tdx_guest", new byte[10], null);
    fs.generation = 2;
    ConfigfsTsmEvidenceSource source = new ConfigfsTsmEvidenceSource(root, fs, Platform.TDX);
    assertThatThrownBy(() -> source.fetch(new byte[64])).isInstanceOf(AttestationException.class)
        .hasMessageContaining("concurrently");
    assertThat(fs.calls).last().isEqualTo("rmdir");
    FakeConfigfs wrongProvider = new FakeConfigfs("sev_guest", new byte[10], null);
    assertThatThrownBy(() -> new ConfigfsTsmEvidenceSource(root, wrongProvider, Platform.TDX).fetch(new byte[64]))
        .hasMessageContaining("expected tdx_guest");
    assertThatThrownBy(() -> source.fetch(new byte[32])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nitroSourcePutsKeyAndNonceInTheirFields() {
    List<byte[][]> requests = new ArrayList<>();
    NitroEvidenceSource source = new NitroEvidenceSource((userData, n, key) -> {
      requests.add(new byte[][] {userData, n, key});
      return new byte[] {1};
    });
    source.fetchBound(pk, nonce);
    source.fetch(new byte[] {9});
    assertThat(requests.get(0)[0]).isNull();
    assertThat(requests.get(0)[1]).isEqualTo(nonce);
    assertThat(requests.get(0)[2]).isEqualTo(pk);
    assertThat(requests.get(1)[0]).isEqualTo(new byte[] {9});
    assertThatThrownBy(() -> source.fetchBound(new byte[1025], nonce)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Builds an auxblob: entries {GUID (EFI order), offset, length}, zero terminator, then certs. */
  static byte[] certTable(byte[] vcek, byte[] ask) {
    byte[] vcekGuid = efi("63da758d-e664-4564-adc5-f4b93be8accd");
    byte[] askGuid = efi("4ab7b379-bbac-4fe4-a02f-05aef327c782");
    int header = 3 * 24;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(header + vcek.length + ask.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(vcekGuid).putInt(header).putInt(vcek.length);
    b.put(askGuid).putInt(header + vcek.length).putInt(ask.length);
    b.put(new byte[24]).put(vcek).put(ask);
    return b.array();
  }

  private static byte[] efi(String guid) {
    java.util.UUID u = java.util.UUID.fromString(guid);
    java.nio.ByteBuffer be = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    byte[] b = be.array();
    byte[] out = Arrays.copyOf(b, 16);
    for (int[] f : new int[][] {{0, 4}, {4, 2}, {6, 2}}) {
      for (int i = 0; i < f[1]; i++) {
        out[f[0] + i] = b[f[0] + f[1] - 1 - i];
      }
    }
    return out;
  }
}
