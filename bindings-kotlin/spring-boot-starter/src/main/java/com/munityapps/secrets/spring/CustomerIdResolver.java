package com.munityapps.secrets.spring;

import java.security.Principal;

/**
 * Names the Munity customer of an authenticated user: your own stable id for the customer (account,
 * organisation, tenant) whose integrations the user connects. Declare a bean of this type to replace the default,
 * {@link HashedCustomerIdResolver}.
 *
 * <p>The id must follow the claim's rule (1 to 255 ASCII letters and digits), which the core checks when it mints:
 * an id that breaks it is the application's mistake, answered with a 500 and logged by its code.
 */
@FunctionalInterface
public interface CustomerIdResolver {

    /**
     * The customer id for {@code principal} (never null: the endpoint answers 401 without a principal), or null
     * when this user has no customer, which the endpoint answers with 401 {@code UNAUTHENTICATED}.
     */
    String customerId(Principal principal);
}
