package com.example.compose;

public record ComposeRequest(String user, String text) {}
