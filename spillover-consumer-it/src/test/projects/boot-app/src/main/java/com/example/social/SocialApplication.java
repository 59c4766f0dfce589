package com.example.social;

import io.spillover.function.FunctionApp;
import io.spillover.spring.boot.Spillover;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class SocialApplication {
  public static void main(String[] args) {
    SpringApplication.run(SocialApplication.class, args);
  }

  /** The function twin, in this JVM for the test: deployed under its bean name, "social". */
  @Bean
  FunctionApp social() {
    return FunctionApp.builder()
        .handle("compose-post", ComposeRequest.class, ComposePost.class,
            new ComposeService("function")::compose)
        .build();
  }

  /** While closed, local calls wait here: the test decides when the VM is busy. */
  @Component
  public static class Gate {
    private volatile CountDownLatch latch = new CountDownLatch(0);

    public void close() {
      latch = new CountDownLatch(1);
    }

    public void open() {
      latch.countDown();
    }

    void pass() throws InterruptedException {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    }
  }

  @Component
  public static class ComposeEndpoint {
    private final ComposeService service = new ComposeService("vm");
    private final Gate gate;

    public ComposeEndpoint(Gate gate) {
      this.gate = gate;
    }

    @Spillover("compose-post")
    public ComposePost compose(ComposeRequest request) throws InterruptedException {
      gate.pass();
      return service.compose(request);
    }
  }

  @RestController
  public static class ComposeController {
    /** The threads that served requests, as Thread.toString() names them. */
    public final Queue<String> threads = new ConcurrentLinkedQueue<>();
    private final ComposeEndpoint compose;

    public ComposeController(ComposeEndpoint compose) {
      this.compose = compose;
    }

    @PostMapping("/posts")
    ComposePost post(@RequestBody ComposeRequest request) throws InterruptedException {
      threads.add(Thread.currentThread().toString());
      return compose.compose(request);
    }
  }
}
