package io.spillover.cli.tools;

import io.spillover.local.LocalMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spillover local --functions <jar or dir> [--port N] [--max-concurrency N] [--idle-timeout D]}. */
@Command(name = "local", description = "Run the local function platform (Lambda and OpenWhisk "
    + "APIs on loopback, worker JVMs behind): local --functions <jar or dir> [--port N] "
    + "[--max-concurrency N] [--idle-timeout D]")
public final class LocalCommand extends PassThrough implements Callable<Integer> {
  @Override
  public Integer call() {
    return LocalMain.run(args(), System.out);
  }
}
