package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import io.spillover.attest.evidence.internal.SnpCertTable;
import io.spillover.attest.evidence.internal.TsmFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Evidence from the Linux configfs-tsm report interface ({@code /sys/kernel/config/tsm/report}),
 * which serves SEV-SNP ({@code sev_guest}) and TDX ({@code tdx_guest}) guests alike: create an
 * entry directory, write the 64-byte report data to {@code inblob}, read {@code outblob} (the SNP
 * report or TDX quote), {@code provider}, {@code generation} and, if present, {@code auxblob}
 * (SNP: the host-provided certificate table with the VCEK/VLEK and ASK), then remove the entry.
 * A generation other than 1 means another writer raced on the entry, and the evidence is refused.
 * TDX quotes come without collateral: the verifier side fetches it from Intel PCS or a PCCS.
 */
public final class ConfigfsTsmEvidenceSource implements EvidenceSource {
  /** Where the kernel mounts the TSM report interface. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/config/tsm/report");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final TsmFs fs;
  private final Platform platform;

  ConfigfsTsmEvidenceSource(Path root, TsmFs fs, Platform platform) {
    this.root = Objects.requireNonNull(root, "root");
    this.fs = Objects.requireNonNull(fs, "fs");
    if (platform != Platform.SEV_SNP && platform != Platform.TDX) {
      throw new IllegalArgumentException("configfs-tsm serves SEV-SNP and TDX, not " + platform);
    }
    this.platform = platform;
  }

  /** A source on the kernel's configfs for the given platform (SEV_SNP or TDX). */
  public static ConfigfsTsmEvidenceSource create(Platform platform) {
    return new ConfigfsTsmEvidenceSource(DEFAULT_ROOT, TsmFs.files(), platform);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Evidence fetch(byte[] reportData) {
    if (reportData == null || reportData.length != 64) {
      throw new IllegalArgumentException("configfs-tsm report data must be 64 bytes");
    }
    byte[] name = new byte[8];
    RANDOM.nextBytes(name);
    Path entry = root.resolve("spillover-" + HexFormat.of().formatHex(name));
    try {
      fs.mkdir(entry);
    } catch (IOException e) {
      throw new AttestationException("cannot create configfs-tsm entry " + entry + ": " + e.getMessage(), e);
    }
    Evidence evidence;
    try {
      evidence = read(entry, reportData);
    } catch (IOException | RuntimeException e) {
      AttestationException failure = e instanceof AttestationException a ? a
          : new AttestationException("configfs-tsm report failed: " + e.getMessage(), e);
      removeQuietly(entry, failure);
      throw failure;
    }
    try {
      fs.rmdir(entry);
    } catch (IOException e) {
      throw new AttestationException("cannot remove configfs-tsm entry " + entry + ": " + e.getMessage(), e);
    }
    return evidence;
  }

  private Evidence read(Path entry, byte[] reportData) throws IOException {
    fs.write(entry.resolve("inblob"), reportData);
    byte[] out = fs.read(entry.resolve("outblob"));
    String provider = text(entry.resolve("provider"));
    String generation = text(entry.resolve("generation"));
    if (!generation.equals("1")) {
      throw new AttestationException("configfs-tsm entry was written concurrently (generation " + generation + ")");
    }
    byte[] aux = fs.exists(entry.resolve("auxblob")) ? fs.read(entry.resolve("auxblob")) : new byte[0];
    return evidence(provider, out, aux);
  }

  private void removeQuietly(Path entry, AttestationException primary) {
    try {
      fs.rmdir(entry);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  private Evidence evidence(String provider, byte[] out, byte[] aux) {
    if (platform == Platform.TDX) {
      if (!provider.startsWith("tdx_guest")) {
        throw new AttestationException("configfs-tsm provider is " + provider + ", expected tdx_guest");
      }
      return Evidence.tdx(out, null);
    }
    if (!provider.startsWith("sev_guest")) {
      throw new AttestationException("configfs-tsm provider is " + provider + ", expected sev_guest");
    }
    SnpCertTable table = SnpCertTable.parse(aux);
    X509Certificate key = table.endorsementKey() == null ? null : Certs.parseOne(table.endorsementKey());
    List<X509Certificate> chain = new ArrayList<>();
    if (table.ask() != null) {
      chain.add(Certs.parseOne(table.ask()));
    }
    return Evidence.snp(out, key, chain);
  }

  private String text(Path p) throws IOException {
    return new String(fs.read(p), StandardCharsets.US_ASCII).trim();
  }
}
