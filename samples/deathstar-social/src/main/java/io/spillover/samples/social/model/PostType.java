package io.spillover.samples.social.model;

import io.spillover.samples.social.ServiceException;

/** The kind of a post; the ordinal is the Thrift/wrk2 wire number (POST=0 ... DM=3). */
public enum PostType {
  POST, REPOST, REPLY, DM;

  /** The type with wire number {@code n}, or a BAD_REQUEST. */
  public static PostType ofNumber(int n) {
    PostType[] all = values();
    if (n < 0 || n >= all.length) {
      throw ServiceException.badRequest("post_type must be 0..3, was " + n);
    }
    return all[n];
  }
}
