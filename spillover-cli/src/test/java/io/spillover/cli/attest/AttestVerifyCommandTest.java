package io.spillover.cli.attest;

import static io.spillover.cli.attest.Vectors.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AttestVerifyCommandTest {
  private Cli.Result last;

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("attest", "verify"));
    all.addAll(Arrays.asList(args));
    last = Cli.run(all.toArray(new String[0]));
    return last.code();
  }

  private JsonNode json() {
    String s = last.out().trim();
    assertThat(s.lines()).hasSize(1);
    JsonNode n = JsonMapper.builder().build().readTree(s);
    assertThat(n.propertyNames()).containsExactly("valid", "reason", "measurement", "reportData",
        "debug");
    return n;
  }

  @Test
  void snpValidHexReportExitsZero() {
    int code = run("--type", "snp", "--evidence", file("snp/milan-virtee/report_milan.hex"),
        "--endorsement", file("snp/milan-virtee/vcek_milan.der"), "--chain",
        file("snp/milan-gsg/ask_ark_milan.pem"), "--now", "2024-01-01T00:00:00Z");
    JsonNode n = json();
    assertThat(code).as(n.toString()).isZero();
    assertThat(n.get("valid").asBoolean()).isTrue();
    assertThat(n.get("reason").isNull()).isTrue();
    assertThat(n.get("measurement").asString()).startsWith("7a1e5c266c0108db");
    assertThat(n.get("debug").asBoolean()).isFalse();
    assertThat(last.err()).isEmpty();
  }

  @Test
  void snpDebugReportIsInvalidUnlessAllowed() {
    String[] base = {"--type", "SNP", "--evidence", file("snp/milan-gsg/attestation.bin"),
        "--endorsement", file("snp/milan-gsg/vcek.der"), "--chain",
        file("snp/milan-gsg/ask_ark_milan.pem"), "--now", "2024-01-01T00:00:00Z"};
    assertThat(run(base)).isEqualTo(1);
    JsonNode n = json();
    assertThat(n.get("valid").asBoolean()).isFalse();
    assertThat(n.get("debug").asBoolean()).isTrue();
    assertThat(n.get("reason").asString()).contains("debug");
    String[] allowed = Arrays.copyOf(base, base.length + 1);
    allowed[base.length] = "--allow-debug";
    assertThat(run(allowed)).isZero();
    assertThat(json().get("reportData").asString()).startsWith("0102030405");
  }

  @Test
  void nitroBase64DocumentAtItsTimeAndToday() {
    assertThat(run("--type", "nitro", "--evidence", file("nitro/blocky/nitro_attestation.b64"),
        "--root", file("nitro/aws_nitro_root_g1.pem"), "--now", "2024-09-07T14:37:39.545Z"))
        .isZero();
    assertThat(json().get("measurement").asString()).startsWith("e72a46ca80a260fb");
    assertThat(run("--type=nitro", "--evidence=" + file("nitro/blocky/nitro_attestation.b64"),
        "--now=2026-01-01T00:00:00Z")).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("certificate chain invalid");
  }

  @Test
  void tdxWithCollateral() {
    assertThat(run("--type", "tdx", "--evidence", file("tdx/phala-dcap-qvl/tdx_quote"),
        "--collateral", file("tdx/phala-dcap-qvl/tdx_quote_collateral.json"), "--root",
        file("tdx/intel_sgx_root_ca.pem"), "--now", "2025-07-01T00:00:00Z")).isZero();
    assertThat(json().get("measurement").asString()).startsWith("91eb2b44d141d4ec");
    assertThat(run("--type", "tdx", "--evidence", file("tdx/phala-dcap-qvl/tdx_quote_outdated"),
        "--collateral", file("tdx/phala-dcap-qvl/tdx_quote_outdated_collateral.json"), "--now",
        "2026-03-01T00:00:00Z")).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("no TCB level");
    // without collateral the TCB is not evaluated: refused by the default policy
    assertThat(run("--type", "tdx", "--evidence", file("tdx/phala-dcap-qvl/tdx_quote"), "--now",
        "2025-07-01T00:00:00Z")).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("NotEvaluated");
  }

  @Test
  void policyFileIsAppliedAndStrict(@TempDir Path dir) throws Exception {
    Path allow = dir.resolve("allow.json");
    Files.writeString(allow, "{\"measurements\":[\"a1f3930413247bb38cfc171579ea3c12d5fe4901f0c"
        + "792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c\"],\"minimumSnpTcb\":"
        + "{\"bootloader\":3,\"tee\":0,\"snp\":8,\"microcode\":115},\"maximumVmpl\":0}");
    String[] snp = {"--type", "snp", "--evidence", file("snp/milan-trustee/test-report.bin"),
        "--endorsement", file("snp/milan-trustee/test-vcek.der"), "--chain",
        file("snp/milan-gsg/ask_ark_milan.pem"), "--now", "2024-01-01T00:00:00Z", "--policy",
        allow.toString()};
    assertThat(run(snp)).as(last.out()).isZero();
    Files.writeString(allow, "{\"measurements\":[\"" + "00".repeat(48) + "\"]}");
    assertThat(run(snp)).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("not allowed by the policy");
    Files.writeString(allow, "{\"minimumSnpTcb\":{\"bootloader\":3,\"tee\":0,\"snp\":9,"
        + "\"microcode\":115}}");
    assertThat(run(snp)).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("below the policy minimum");
    Files.writeString(allow, "{\"publicKey\":\"0011\",\"nonce\":\"2233\"}");
    assertThat(run(snp)).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("SHA-512");
    Files.writeString(allow, "{\"allowdebug\":true}");
    assertThat(run(snp)).isEqualTo(2);
    assertThat(last.err()).contains("unknown policy member 'allowdebug'");
  }

  @Test
  void usageErrorsExitTwoWithTheMessageOnStderrAndNothingOnStdout() {
    String bin = file("snp/milan-gsg/attestation.bin");
    assertUsageError(run(), "Missing required options");
    assertUsageError(run("--type", "sev", "--evidence", "x", "--now", "2024-01-01T00:00:00Z"),
        "Invalid value for option '--type'");
    assertUsageError(run("--type", "snp", "--evidence", bin, "--now", "yesterday"),
        "'yesterday' is not an ISO-8601 instant");
    assertUsageError(run("--type", "snp", "--evidence", bin, "--now", "2024-01-01T00:00:00Z"),
        "--endorsement is required");
    assertUsageError(run("--type", "nitro", "--evidence", "/nonexistent/file", "--now",
        "2024-01-01T00:00:00Z"), "no such file: /nonexistent/file");
    assertUsageError(run("--type", "nitro", "--evidence", bin, "--now", "2024-01-01T00:00:00Z",
        "--chain", bin), "SEV-SNP files");
    assertUsageError(run("--type", "nitro", "--evidence", bin, "--now", "2024-01-01T00:00:00Z",
        "--bogus"), "Unknown option: '--bogus'");
    assertUsageError(run("--type", "nitro", "--bogus"), "Missing required options");
    assertUsageError(run("--type", "nitro", "--evidence"), "Missing required parameter");
    assertUsageError(run("--type", "nitro", "--type", "tdx"), "should be specified only once");
  }

  @Test
  void garbageEvidenceIsInvalidNotACrash(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {(byte) 0x84, 0x40, (byte) 0xa0, 0x41});
    assertThat(run("--type", "nitro", "--evidence", junk.toString(), "--now",
        "2024-01-01T00:00:00Z")).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("malformed");
    Path junkCert = dir.resolve("junk.der");
    Files.writeString(junkCert, "not a certificate");
    assertThat(run("--type", "snp", "--evidence", file("snp/milan-gsg/attestation.bin"),
        "--endorsement", junkCert.toString(), "--chain", file("snp/milan-gsg/ask_ark_milan.pem"),
        "--now", "2024-01-01T00:00:00Z")).isEqualTo(1);
    assertThat(json().get("reason").asString()).contains("malformed input");
  }

  private void assertUsageError(int code, String message) {
    assertThat(code).as(last.err()).isEqualTo(2);
    assertThat(last.err()).contains(message).contains("Usage: spillover attest verify");
    assertThat(last.out()).isEmpty();
  }
}
