package com.example.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.Spillway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Built and run against the installed jars: a full local limit spills to the in-process twin. */
class ComposeSpillwayTest {

  @Test
  void callsOverTheLocalLimitAreServedByTheTwin() throws Exception {
    ComposeService vm = new ComposeService();
    Spillway<ComposeRequest, ComposeResponse> compose =
        ComposeSpillway.create(vm, new ComposeService(), 1);
    CountDownLatch hold = new CountDownLatch(1);
    vm.hold(hold);
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      Future<ComposeResponse> first =
          callers.submit(() -> compose.call(new ComposeRequest("ann", " first "), vm::compose));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (compose.metrics().inflightLocal() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, compose.metrics().inflightLocal(), "the first call holds the only permit");

      List<Future<ComposeResponse>> spilled = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String text = " post " + i + " ";
        spilled.add(callers.submit(
            () -> compose.call(new ComposeRequest("bob", text), vm::compose)));
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(new ComposeResponse("bob", "post " + i), spilled.get(i).get(10, TimeUnit.SECONDS));
      }
      hold.countDown();
      assertEquals(new ComposeResponse("ann", "first"), first.get(10, TimeUnit.SECONDS));
      assertEquals(5, compose.metrics().calls(Route.FUNCTION, Outcome.SUCCESS));
      assertEquals(1, compose.metrics().calls(Route.LOCAL, Outcome.SUCCESS));
    } finally {
      hold.countDown();
      callers.shutdownNow();
    }
  }
}
