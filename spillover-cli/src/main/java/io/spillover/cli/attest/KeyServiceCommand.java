package io.spillover.cli.attest;

import io.spillover.attest.audit.AuditException;
import io.spillover.attest.keyservice.KeyService;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.keyservice.KeyServiceConfigException;
import io.spillover.cli.common.CommandFailedException;
import io.spillover.cli.common.UntilStopped;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillover keyservice}: starts the {@link KeyService} from its JSON config and serves until
 * Ctrl-C or SIGTERM. A config error is a usage error (2); a service that cannot start (port taken,
 * keysets missing, audit log broken or held by another key service) a failure (1).
 */
@Command(name = "keyservice", mixinStandardHelpOptions = true,
    description = {"Run the key service: it releases keysets to attested function instances and"
        + " serves functions' public keysets to the callers their policies name.",
        "Serves until Ctrl-C or SIGTERM."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped", "1:cannot start (port in use, keys missing, audit log broken or"
        + " held by another key service)", "2:usage error: bad options or config"})
public final class KeyServiceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "keyservice.json",
      description = "The JSON config, read strictly: wrong types and unknown keys are errors"
          + " (default: ${DEFAULT-VALUE}).")
  Path config;

  @Override
  public Integer call() {
    KeyService service = start();
    UntilStopped.await(service::close);
    return 0;
  }

  private KeyService start() {
    KeyServiceConfig parsed;
    try {
      parsed = KeyServiceConfig.fromJson(config);
    } catch (KeyServiceConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    KeyService service;
    try {
      service = KeyService.builder().config(parsed).start();
    } catch (IOException | GeneralSecurityException | IllegalStateException | AuditException e) {
      throw CommandFailedException.because("cannot start", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("key service listening on " + service.uri());
    out.println("functions: " + String.join(", ", parsed.functions().keySet()));
    out.println("clients pin the verify keyset at "
        + parsed.keyDirectory().resolve(KeyService.VERIFY_FILE));
    if (parsed.devEvidenceKey().isPresent()) {
      out.println("WARNING: development evidence is accepted; never use this config in"
          + " production");
    }
    out.flush();
    return service;
  }
}
