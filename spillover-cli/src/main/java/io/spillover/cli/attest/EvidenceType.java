package io.spillover.cli.attest;

import io.spillover.attest.evidence.Platform;

/** The {@code --type} of {@code attest verify}: the platforms whose evidence is read from files. */
enum EvidenceType {
  SNP(Platform.SEV_SNP),
  NITRO(Platform.NITRO),
  TDX(Platform.TDX),
  SGX(Platform.SGX);

  final Platform platform;

  EvidenceType(Platform platform) {
    this.platform = platform;
  }
}
