package io.spillover.attest.evidence;

/**
 * An SEV-SNP TCB version: the security patch levels of the firmware components. Comparison is
 * per component ({@link #atLeast}), because a TCB is only newer if no component went back.
 *
 * @param bootloader boot loader SPL
 * @param tee PSP OS (TEE) SPL
 * @param snp SNP firmware SPL
 * @param microcode CPU microcode SPL
 * @param fmc FMC SPL (Turin and later; 0 elsewhere)
 */
public record SnpTcb(int bootloader, int tee, int snp, int microcode, int fmc) {
  public SnpTcb {
    check(bootloader, "bootloader");
    check(tee, "tee");
    check(snp, "snp");
    check(microcode, "microcode");
    check(fmc, "fmc");
  }

  /** A Milan/Genoa TCB (no FMC component). */
  public static SnpTcb of(int bootloader, int tee, int snp, int microcode) {
    return new SnpTcb(bootloader, tee, snp, microcode, 0);
  }

  /** True when every component is at least the minimum's. */
  public boolean atLeast(SnpTcb minimum) {
    return bootloader >= minimum.bootloader && tee >= minimum.tee && snp >= minimum.snp
        && microcode >= minimum.microcode && fmc >= minimum.fmc;
  }

  private static void check(int v, String name) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException(name + " SPL must be 0..255, got " + v);
    }
  }
}
