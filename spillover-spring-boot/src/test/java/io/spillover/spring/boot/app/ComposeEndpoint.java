package io.spillover.spring.boot.app;

import io.spillover.spring.boot.Spillover;
import org.springframework.stereotype.Component;

/** The VM side's entry to the service: its calls go through the "compose-post" spillway. */
@Component
public class ComposeEndpoint {
  private final ComposeService service;
  private final Gate gate;

  public ComposeEndpoint(ComposeService service, Gate gate) {
    this.service = service;
    this.gate = gate;
  }

  @Spillover("compose-post")
  public ComposePost compose(ComposeRequest request) {
    gate.pass();
    return service.compose(request);
  }
}
