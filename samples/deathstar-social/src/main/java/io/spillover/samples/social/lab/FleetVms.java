package io.spillover.samples.social.lab;

import io.spillover.samples.social.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The fleet's VM processes ({@link FleetVm}), started and owned by the coordinator: each a JVM
 * on this one's class path, marked on its command line with the run's id (so a test can look for
 * leftovers with {@code pgrep -f}), its standard error in a log file. A shutdown hook destroys
 * every process (and its descendants) if the coordinator exits without closing this (Ctrl-C, a
 * failure); and a VM stops by itself when its standard input ends, so even a coordinator killed
 * outright leaves no VM behind.
 */
final class FleetVms implements AutoCloseable {
  /** The system property naming the run on every VM's command line. */
  static final String MARKER = "social.lab.fleet-run";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private final List<Vm> vms = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Thread hook = new Thread(this::destroyAll, "fleet-vms-shutdown");

  /** One VM process, with what it last reported. */
  static final class Vm {
    final String id;
    final Process process;
    final CompletableFuture<Integer> ready = new CompletableFuture<>();
    volatile JsonNode last;
    volatile boolean killed;
    long reports;
    Thread reader;

    Vm(String id, Process process) {
      this.id = id;
      this.process = process;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + ready.join() + "/");
    }
  }

  /**
   * Starts {@code n} VMs with the arguments {@code args} gives for each index, and waits until
   * every one serves; {@code onCounts} gets each count line as it arrives.
   */
  static FleetVms start(int n, String run, Function<Integer, List<String>> args, Path logs,
      BiConsumer<Vm, JsonNode> onCounts) throws IOException, InterruptedException {
    FleetVms fleet = new FleetVms();
    Runtime.getRuntime().addShutdownHook(fleet.hook);
    try {
      Files.createDirectories(logs);
      String java = ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (int i = 0; i < n; i++) {
        String id = "vm-" + (i + 1);
        List<String> cmd = new ArrayList<>(List.of(java, "-D" + MARKER + "=" + run,
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dsun.net.httpserver.nodelay=true", "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), FleetVm.class.getName(), "id=" + id));
        cmd.addAll(args.apply(i));
        Process p = new ProcessBuilder(cmd)
            .redirectError(logs.resolve(id + ".log").toFile()).start();
        Vm vm = new Vm(id, p);
        fleet.vms.add(vm);
        fleet.read(vm, onCounts);
      }
      for (Vm vm : fleet.vms) {
        try {
          vm.ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new IllegalStateException(vm.id + " did not start (its log: "
              + logs.resolve(vm.id + ".log") + ")", e);
        }
      }
      return fleet;
    } catch (IOException | InterruptedException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private void read(Vm vm, BiConsumer<Vm, JsonNode> onCounts) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          vm.process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(FleetVm.READY)) {
            vm.ready.complete(Integer.parseInt(line.substring(FleetVm.READY.length()).trim()));
          } else if (line.startsWith(FleetVm.COUNTS)) {
            JsonNode counts = Json.MAPPER.readTree(line.substring(FleetVm.COUNTS.length()));
            synchronized (vm) {
              vm.last = counts;
              vm.reports++;
              vm.notifyAll();
            }
            onCounts.accept(vm, counts);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the process is gone; what it last reported stays
      }
      vm.ready.completeExceptionally(new IllegalStateException(vm.id + " exited"));
    }, "fleet-" + vm.id + "-stdout");
    t.setDaemon(true);
    vm.reader = t;
    t.start();
  }

  /**
   * What {@code vm} reports now: its second report from now (the first may have been counted
   * before now), or what it last reported if none comes within two seconds.
   */
  JsonNode countsNow(Vm vm) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    synchronized (vm) {
      long target = vm.reports + 2;
      long left;
      while (vm.reports < target && (left = until - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(vm, left);
      }
      return vm.last;
    }
  }

  List<Vm> all() {
    return List.copyOf(vms);
  }

  /** Kills VM {@code i} outright, as a crash would: no last report, no goodbye to ZooKeeper. */
  void kill(int i) {
    Vm vm = vms.get(i);
    vm.killed = true;
    destroy(vm.process);
  }

  /**
   * Asks every live VM to stop (its standard input ends), waits for its last report, and destroys
   * what is still running after the grace time.
   */
  @Override
  public void close() {
    for (Vm vm : vms) {
      try {
        vm.process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (Vm vm : vms) {
      try {
        long left = until - System.nanoTime();
        if (left <= 0 || !vm.process.waitFor(left, TimeUnit.NANOSECONDS)) {
          destroy(vm.process);
        }
        vm.reader.join(TimeUnit.SECONDS.toMillis(5)); // its last report
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        destroy(vm.process);
      }
    }
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  private void destroyAll() {
    vms.forEach(vm -> destroy(vm.process));
  }

  private static void destroy(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
