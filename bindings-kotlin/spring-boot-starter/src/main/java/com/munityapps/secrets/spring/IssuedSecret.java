package com.munityapps.secrets.spring;

import java.time.Instant;

/**
 * A connect secret and when it expires (its {@code exp}), so a page can fetch a fresh one before it lapses.
 *
 * @param secret the connect secret, for the front end's {@code connect(connector, secret, callback, config)}
 * @param expiresAt the secret's {@code exp}
 */
public record IssuedSecret(String secret, Instant expiresAt) {

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "IssuedSecret(expiresAt=" + expiresAt + ")";
    }
}
