package io.spillover.samples.social.model;

/** The author of a post. */
public record Creator(long userId, String username) {}
