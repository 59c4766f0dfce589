package io.spillover.samples.social.model;

/** A URL of a post text and its short form ({@code http://short-url/<10 chars>}). */
public record Url(String shortenedUrl, String expandedUrl) {}
