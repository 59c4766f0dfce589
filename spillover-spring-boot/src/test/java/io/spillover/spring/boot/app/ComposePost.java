package io.spillover.spring.boot.app;

/** A composed post and the instance ("vm" or "function") that composed it. */
public record ComposePost(String user, String text, String composedBy) {}
