package com.munityapps.secrets.spring;

import com.munityapps.secrets.ConnectRequest;
import com.munityapps.secrets.MintOptions;
import com.munityapps.secrets.MunitySecretException;
import com.munityapps.secrets.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Mints connect secrets for the configured workspace with the configured lifetime and tells when they expire.
 * The endpoint uses it; so can your own controllers. Thread-safe.
 *
 * <p>Built at start-up with one trial mint (customer {@code startupcheck}, thrown away): the core then checks the
 * workspace (missing on an unbound signer, another than the signer's) and the lifetime (whole seconds, 1 s to 365
 * days), so a bad configuration stops the application before the first request.
 */
public class MunitySecretIssuer {

    /** The customer of the trial mint at start-up. */
    static final String STARTUP_CHECK_CUSTOMER = "startupcheck";

    private final Signer signer;
    private final String workspaceId;
    private final Duration expiresIn;
    private final Clock clock;

    /**
     * @param signer the signer (bound to its workspace, or not)
     * @param workspaceId the workspace named in each secret; null with a bound signer
     * @param expiresIn the lifetime of each secret
     * @param clock the clock (the system's in production)
     * @throws MunitySecretException.InvalidClaim when the core refuses the workspace or the lifetime
     */
    public MunitySecretIssuer(Signer signer, String workspaceId, Duration expiresIn, Clock clock) {
        this.signer = signer;
        this.workspaceId = workspaceId;
        this.expiresIn = expiresIn;
        this.clock = clock;
        issue(STARTUP_CHECK_CUSTOMER);
    }

    /**
     * Mints a connect secret for {@code customerId}.
     *
     * @throws MunitySecretException.InvalidClaim when the customer id breaks the claim's rule (1 to 255 ASCII
     *     letters and digits)
     */
    public IssuedSecret issue(String customerId) {
        // The time is passed to the core explicitly (a whole second), so exp = now + expiresIn is known here
        // without reading the secret back; the core checks both values.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        MintOptions options = MintOptions.builder().expiresIn(expiresIn).now(now).build();
        String secret = signer.connectSecret(new ConnectRequest(customerId, workspaceId), options);
        return new IssuedSecret(secret, now.plus(expiresIn));
    }

    /** The lifetime of the secrets. */
    public Duration getExpiresIn() {
        return expiresIn;
    }
}
