package io.spillover.spring.boot.app;

/** A post to compose. */
public record ComposeRequest(String user, String text) {}
