package io.spillover.samples.social.model;

/** A media item attached to a post: an id from the media front end and a type such as {@code png}. */
public record Media(long mediaId, String mediaType) {}
