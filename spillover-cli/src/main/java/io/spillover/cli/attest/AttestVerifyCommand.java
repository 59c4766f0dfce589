package io.spillover.cli.attest;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.AttestationResult;
import io.spillover.attest.evidence.EvidenceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code spillover attest verify}: {@link EvidenceFiles#verify} at a given instant, the verdict as
 * one JSON object on stdout.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Verify one piece of attestation evidence offline.",
        "Prints the verdict as one JSON object with the members valid (boolean), reason (the"
            + " first failed check, or null), measurement and reportData (hex, untrusted when"
            + " invalid) and debug (boolean).",
        "Evidence may be binary, hex or base64 text; certificates DER or PEM."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the evidence is valid", "1:it is invalid (malformed evidence included)",
        "2:usage error: bad options, an unreadable file, a bad policy"})
public final class AttestVerifyCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec
  CommandSpec spec;

  @Option(names = "--type", required = true, paramLabel = "snp|nitro|tdx|sgx",
      description = "The platform that produced the evidence.")
  EvidenceType type;

  @Option(names = "--evidence", required = true, paramLabel = "FILE",
      description = "SNP report, Nitro attestation document, TDX or SGX quote.")
  Path evidence;

  @Option(names = "--now", required = true, paramLabel = "ISO-8601",
      converter = InstantConverter.class,
      description = "The instant to check certificates at, e.g. 2024-01-01T00:00:00Z.")
  Instant now;

  @Option(names = "--endorsement", paramLabel = "CERT",
      description = "SNP (required): the VCEK or VLEK certificate, DER or PEM.")
  Path endorsement;

  @Option(names = "--chain", paramLabel = "PEM",
      description = "SNP (required): the ASK or ASVK certificate, optionally with the ARK.")
  Path chain;

  @Option(names = "--root", paramLabel = "PEM", description = "Roots to pin instead of the"
      + " bundled ones (AMD ARKs, AWS Nitro root, Intel SGX root).")
  Path root;

  @Option(names = "--collateral", paramLabel = "JSON",
      description = "TDX/SGX: Intel's collateral as combined JSON (without it the TCB is not"
          + " evaluated, which the default policy refuses).")
  Path collateral;

  @Option(names = "--allow-debug", description = "Accept evidence from a debuggable TEE.")
  boolean allowDebug;

  @Option(names = "--policy", paramLabel = "FILE", description = "A policy JSON file (unknown"
      + " members are errors); default: any measurement.")
  Path policy;

  @Override
  public Integer call() {
    if (type == EvidenceType.SNP && endorsement == null) {
      throw usage("--endorsement is required for --type snp", null);
    }
    if (type == EvidenceType.SNP && chain == null) {
      throw usage("--chain is required for --type snp", null);
    }
    AttestationResult result;
    try {
      EvidenceFiles files = EvidenceFiles.builder(type.platform).evidence(evidence)
          .endorsement(endorsement).chain(chain).root(root).collateral(collateral).build();
      result = files.verify(policy(), now);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw usage("no such file: " + e.getFile(), e);
    } catch (IOException e) {
      throw usage("cannot read a file: " + e, e);
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("valid", result.valid());
    n.put("reason", result.reason());
    n.put("measurement", result.measurement());
    n.put("reportData", result.reportData());
    n.put("debug", result.debug());
    spec.commandLine().getOut().println(JSON.writeValueAsString(n));
    spec.commandLine().getOut().flush();
    return result.valid() ? 0 : 1;
  }

  private AttestationPolicy policy() throws IOException {
    AttestationPolicy.Builder b = policy == null
        ? AttestationPolicy.builder().anyMeasurement()
        : AttestationPolicy.fromJson(Files.readString(policy, StandardCharsets.UTF_8));
    if (allowDebug) {
      b.allowDebug(true);
    }
    return b.build();
  }

  private ParameterException usage(String message, Exception cause) {
    return new ParameterException(spec.commandLine(), message, cause);
  }

  /** {@link Instant#parse}, with a message that shows the form. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant like"
            + " 2024-01-01T00:00:00Z");
      }
    }
  }
}
