package io.spillover.attest.keyservice;

import io.spillover.attest.audit.AuditException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spillover keyservice [--config FILE]}: starts the key service from a JSON config (default
 * {@code keyservice.json}) and serves until the JVM is stopped. Exit status: 0 after a clean stop,
 * 1 when the service cannot start (port taken, keysets missing, audit log broken or held by
 * another key service), 2 on a usage or config error.
 */
public final class KeyServiceMain {
  static final String USAGE = "usage: spillover keyservice [--config FILE]";

  private KeyServiceMain() {}

  /** Runs the service; returns only when the JVM shuts down, or at once on error. */
  public static int run(String[] args, PrintStream out) {
    Started started = start(args, out);
    if (started.service == null) {
      return started.status;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.service.close();
      stopped.countDown();
    }, "spillover-keyservice-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.service.close();
    }
    return 0;
  }

  /** Parses the arguments and starts the service (without waiting). */
  static Started start(String[] args, PrintStream out) {
    Path config = Path.of("keyservice.json");
    for (int i = 0; i < args.length; i++) {
      if (("--config".equals(args[i]) || "-c".equals(args[i])) && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if ("--help".equals(args[i]) || "-h".equals(args[i])) {
        out.println(USAGE);
        return new Started(null, 0);
      } else {
        out.println(USAGE);
        return new Started(null, 2);
      }
    }
    KeyServiceConfig parsed;
    try {
      parsed = KeyServiceConfig.fromJson(config);
    } catch (KeyServiceConfigException e) {
      out.println("keyservice: " + e.getMessage());
      return new Started(null, 2);
    }
    try {
      KeyService service = KeyService.builder().config(parsed).start();
      out.println("key service listening on " + service.uri());
      out.println("functions: " + String.join(", ", parsed.functions().keySet()));
      out.println("clients pin the verify keyset at "
          + parsed.keyDirectory().resolve(KeyService.VERIFY_FILE));
      if (parsed.devEvidenceKey().isPresent()) {
        out.println("WARNING: development evidence is accepted; never use this config in"
            + " production");
      }
      return new Started(service, 0);
    } catch (IOException | GeneralSecurityException | IllegalStateException | AuditException e) {
      out.println("keyservice: cannot start: " + e.getMessage());
      return new Started(null, 1);
    }
  }

  record Started(KeyService service, int status) {}
}
