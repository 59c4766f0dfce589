package io.spillover.cli.tools;

import io.spillover.attest.evidence.AttestVerifyTool;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code spillover attest verify --type snp|nitro|tdx --evidence FILE --now ISO-8601 ...}: verifies
 * attestation evidence and prints one JSON object; exit 0 only when valid.
 */
@Command(name = "attest", description = "attest verify --type snp|nitro|tdx --evidence FILE "
    + "--now ISO-8601 [--endorsement CERT] [--chain PEM] [--root PEM] [--collateral JSON] "
    + "[--allow-debug] [--policy FILE]")
public final class AttestCommand extends PassThrough implements Callable<Integer> {
  @Override
  public Integer call() {
    String[] a = args();
    if (a.length == 0 || !"verify".equals(a[0])) {
      System.err.println("usage: spillover attest verify --type snp|nitro|tdx --evidence FILE "
          + "--now ISO-8601 [options]");
      return 2;
    }
    return AttestVerifyTool.run(Arrays.copyOfRange(a, 1, a.length), System.out, System.err);
  }
}
