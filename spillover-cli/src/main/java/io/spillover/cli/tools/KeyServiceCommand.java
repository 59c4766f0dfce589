package io.spillover.cli.tools;

import io.spillover.attest.keyservice.KeyServiceMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spillover keyservice [--config F]}. */
@Command(name = "keyservice",
    description = "Run the key service that releases keysets to attested function instances.")
public final class KeyServiceCommand extends PassThrough implements Callable<Integer> {
  @Override
  public Integer call() {
    return KeyServiceMain.run(args(), System.out);
  }
}
