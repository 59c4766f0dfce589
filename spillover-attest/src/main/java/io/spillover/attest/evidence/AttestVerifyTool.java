package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import io.spillover.attest.evidence.internal.Encodings;
import io.spillover.attest.evidence.internal.PolicyJson;
import io.spillover.attest.evidence.internal.ToolArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code attest verify}: verifies one piece of evidence offline and prints one JSON object
 * {@code {"valid":bool,"reason":string|null,"measurement":hex,"reportData":hex,"debug":bool}}.
 * Exit status: 0 valid, 1 invalid (including malformed evidence), 2 usage error.
 *
 * <pre>
 * attest verify --type snp|nitro|tdx|sgx --evidence FILE --now ISO-8601
 *     [--endorsement CERT] [--chain PEM] [--root PEM] [--collateral JSON]
 *     [--allow-debug] [--policy FILE]
 * </pre>
 * Evidence files may be binary, hex or base64 text. SNP needs {@code --endorsement} (VCEK/VLEK,
 * DER or PEM) and {@code --chain} (ASK/ASVK [+ ARK], PEM); {@code --root} replaces the bundled
 * ARKs. Nitro and TDX/SGX use {@code --root} (AWS Nitro root, Intel SGX root) or the bundled
 * copy. TDX/SGX take the combined collateral JSON via {@code --collateral}.
 */
public final class AttestVerifyTool {
  static final String USAGE = "usage: attest verify --type snp|nitro|tdx|sgx --evidence FILE --now ISO-8601"
      + " [--endorsement CERT] [--chain PEM] [--root PEM] [--collateral JSON] [--allow-debug] [--policy FILE]";

  private AttestVerifyTool() {}

  /** Runs the command; {@code args} start after "attest verify". */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ToolArgs a;
    Instant now;
    AttestationPolicy policy;
    String type;
    byte[] evidenceBytes;
    try {
      a = ToolArgs.parse(args);
      if (a.flag("--help")) {
        err.println(USAGE);
        return 2;
      }
      type = a.require("--type").toLowerCase(Locale.ROOT);
      if (!List.of("snp", "nitro", "tdx", "sgx").contains(type)) {
        throw new IllegalArgumentException("--type must be snp, nitro, tdx or sgx");
      }
      now = parseNow(a.require("--now"));
      evidenceBytes = Encodings.decodeEvidence(read(a.require("--evidence")));
      policy = policy(a);
      if (type.equals("snp")) {
        a.require("--endorsement");
        a.require("--chain");
      }
    } catch (IllegalArgumentException e) {
      err.println("attest verify: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    AttestationResult result;
    try {
      result = verify(type, a, evidenceBytes, policy, now);
    } catch (IllegalArgumentException e) {
      err.println("attest verify: " + e.getMessage());
      return 2;
    } catch (MalformedEvidenceException e) {
      result = AttestationResult.invalid(platform(type), "malformed input: " + e.getMessage(),
          null, null, false, java.util.Map.of());
    }
    out.println(json(result));
    return result.valid() ? 0 : 1;
  }

  private static AttestationResult verify(String type, ToolArgs a, byte[] evidence,
      AttestationPolicy policy, Instant now) {
    String root = a.get("--root");
    switch (type) {
      case "snp": {
        X509Certificate key = Certs.parseOne(read(a.require("--endorsement")));
        List<X509Certificate> chain = Certs.parseAll(read(a.require("--chain")));
        SnpVerifier v = root == null ? SnpVerifier.withBundledRoots() : SnpVerifier.pinning(Certs.parseAll(read(root)));
        return v.verify(Evidence.snp(evidence, key, chain), policy, now);
      }
      case "nitro": {
        NitroVerifier v = root == null ? NitroVerifier.withBundledRoot() : NitroVerifier.pinning(Certs.parseOne(read(root)));
        return v.verify(Evidence.nitro(evidence), policy, now);
      }
      default: {
        X509Certificate intel = root == null ? VendorRoots.intelSgxRoot() : Certs.parseOne(read(root));
        String c = a.get("--collateral");
        DcapCollateral collateral = c == null ? null
            : DcapCollateral.fromJson(new String(read(c), StandardCharsets.UTF_8));
        if (type.equals("tdx")) {
          return DcapVerifier.tdx(intel).verify(Evidence.tdx(evidence, collateral), policy, now);
        }
        return DcapVerifier.sgx(intel).verify(Evidence.sgx(evidence, collateral), policy, now);
      }
    }
  }

  private static AttestationPolicy policy(ToolArgs a) {
    AttestationPolicy.Builder b = a.get("--policy") == null
        ? AttestationPolicy.builder().anyMeasurement()
        : PolicyJson.parse(new String(read(a.get("--policy")), StandardCharsets.UTF_8));
    if (a.flag("--allow-debug")) {
      b.allowDebug(true);
    }
    return b.build();
  }

  private static Instant parseNow(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--now must be an ISO-8601 instant like 2024-01-01T00:00:00Z");
    }
  }

  private static byte[] read(String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Platform platform(String type) {
    return switch (type) {
      case "snp" -> Platform.SEV_SNP;
      case "nitro" -> Platform.NITRO;
      case "sgx" -> Platform.SGX;
      default -> Platform.TDX;
    };
  }

  private static String json(AttestationResult r) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode n = mapper.createObjectNode();
    n.put("valid", r.valid());
    n.put("reason", r.reason());
    n.put("measurement", r.measurement());
    n.put("reportData", r.reportData());
    n.put("debug", r.debug());
    return mapper.writeValueAsString(n);
  }
}
