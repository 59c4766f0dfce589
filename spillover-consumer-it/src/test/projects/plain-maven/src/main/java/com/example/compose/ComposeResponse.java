package com.example.compose;

public record ComposeResponse(String user, String text) {}
