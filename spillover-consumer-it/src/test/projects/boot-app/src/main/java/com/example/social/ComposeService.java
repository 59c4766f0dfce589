package com.example.social;

/** The service both sides run: the VM (Spring) and the function twin (plain Java). */
public final class ComposeService {
  private final String side;

  public ComposeService(String side) {
    this.side = side;
  }

  public ComposePost compose(ComposeRequest request) {
    return new ComposePost(request.user(), request.text().trim(), side);
  }
}
