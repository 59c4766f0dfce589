package com.example.social;

public record ComposeRequest(String user, String text) {}
