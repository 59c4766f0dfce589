package com.example.social;

/** {@code servedBy}: "vm" or "function", so the test sees where each call ran. */
public record ComposePost(String user, String text, String servedBy) {}
