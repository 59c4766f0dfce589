package io.spillover.samples.social.model;

/** A {@code @username} of a post text resolved to its user id. */
public record UserMention(long userId, String username) {}
