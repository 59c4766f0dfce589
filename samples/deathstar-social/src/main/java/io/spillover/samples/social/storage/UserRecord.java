package io.spillover.samples.social.storage;

/**
 * A registered user as the user store keeps it.
 *
 * @param salt 32 random characters from [0-9A-Za-z]
 * @param passwordHash lowercase hex SHA-256 of (password + salt)
 */
public record UserRecord(long userId, String firstName, String lastName, String username, String salt,
    String passwordHash) {}
