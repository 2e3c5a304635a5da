package com.munityapps.secrets.spring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;

/**
 * The default {@link CustomerIdResolver}: the lowercase hex SHA-256 of {@code Principal.getName()} (64 characters),
 * a valid customer id for any name (an e-mail address, a UUID, a name with spaces), stable across restarts and the
 * same in every instance of the application. The customer is then the user; to make it your account or tenant id,
 * declare your own {@code CustomerIdResolver} bean.
 */
public final class HashedCustomerIdResolver implements CustomerIdResolver {

    @Override
    public String customerId(Principal principal) {
        String name = principal.getName();
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
