package io.spillover.samples.social.lab;

import io.spillover.samples.social.frontend.FrontendHttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The fleet mode's load balancer: sends each request of the workload to the front end of the next
 * live VM, round robin. A request whose connection is refused never reached a VM, so the VM is
 * taken out of the rotation and the request goes to the next one; a request that failed after
 * it was sent (the VM died with it in flight) is an error, never retried or dropped.
 *
 * <p>Every request opens its own loopback connection (no pooling, no transparent retry): a pooled
 * connection to a dead VM would fail after the request was written, and could not be told apart
 * from a request the VM was running.
 */
final class FleetDriver {
  private final Workload workload;
  private final List<Target> targets = new ArrayList<>();
  private final AtomicLong next = new AtomicLong();
  private final LongAdder failedOver = new LongAdder();
  private final OkHttpClient http;

  /** A VM's front end and what was sent to it. */
  static final class Target {
    final String id;
    final HttpUrl base;
    /** Requests that ended at this VM: answered, rejected, or failed (not the failed over). */
    final LongAdder requests = new LongAdder();
    /** Of those, the errors: an error answer, or in flight when the VM died. */
    final LongAdder errors = new LongAdder();
    volatile boolean dead;

    Target(String id, URI base) {
      this.id = id;
      this.base = HttpUrl.get(base.toString());
    }
  }

  /** A VM's spillway rejected the request (overload): the lab's "rejected". */
  static final class Rejected extends IOException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  FleetDriver(Workload workload, List<FleetVms.Vm> vms) {
    this.workload = workload;
    vms.forEach(vm -> targets.add(new Target(vm.id, vm.uri())));
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    this.http = new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(60)).build();
  }

  /** Sends request {@code i}; returns when a VM answered it, throws why not otherwise. */
  void call(long i) throws IOException {
    for (int tries = 0; tries <= targets.size(); tries++) {
      Target t = pick();
      if (t == null) {
        break;
      }
      try {
        send(t, i);
        t.requests.increment();
        return;
      } catch (ConnectException e) {
        t.dead = true; // refused: the VM is gone and never saw this request
        failedOver.increment();
      } catch (Rejected e) {
        t.requests.increment();
        throw e;
      } catch (IOException e) {
        // an error answer, or the VM died with the request in flight: it ends here
        t.requests.increment();
        t.errors.increment();
        throw e;
      }
    }
    throw new IOException("no live VM to send request " + i + " to");
  }

  private void send(Target t, long i) throws IOException {
    try (Response r = http.newCall(workload.http(t.base, i)).execute()) {
      if (r.code() == 200) {
        return;
      }
      String why = r.body().string();
      if (r.code() == 503 && r.header(FrontendHttpServer.REJECTED_HEADER) != null) {
        throw new Rejected(t.id + ": " + why);
      }
      throw new IOException(t.id + " answered " + r.code() + ": " + why);
    }
  }

  private Target pick() {
    for (int k = 0; k < targets.size(); k++) {
      Target t = targets.get((int) Math.floorMod(next.getAndIncrement(), (long) targets.size()));
      if (!t.dead) {
        return t;
      }
    }
    return null;
  }

  List<Target> targets() {
    return List.copyOf(targets);
  }

  /** Requests that found their VM gone and went to another one. */
  long failedOver() {
    return failedOver.sum();
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
