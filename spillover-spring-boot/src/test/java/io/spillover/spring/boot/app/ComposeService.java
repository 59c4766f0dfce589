package io.spillover.spring.boot.app;

import java.util.Locale;

/**
 * The service logic, Spring-free: the VM side and the function twin run this same class.
 */
public final class ComposeService {
  private final String instance;

  public ComposeService(String instance) {
    this.instance = instance;
  }

  public ComposePost compose(ComposeRequest request) {
    return new ComposePost(request.user(), request.text().trim().toUpperCase(Locale.ROOT),
        instance);
  }
}
