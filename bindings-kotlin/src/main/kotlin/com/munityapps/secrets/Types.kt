package com.munityapps.secrets

import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * The claims of a connect secret.
 *
 * @property customerId your own id for your customer: 1 to 255 ASCII letters and digits.
 * @property workspaceId the Munity workspace, a hyphenated UUID (any case; written lowercase).
 * @property name an optional display name: 1 to 255 characters, no control characters.
 */
data class ConnectRequest @JvmOverloads constructor(
    val customerId: String,
    val workspaceId: String,
    val name: String? = null,
)

/**
 * The claims of a renew secret, which restores a broken integration: a connect secret's plus
 * [integrationId].
 *
 * @property customerId as in [ConnectRequest].
 * @property workspaceId as in [ConnectRequest].
 * @property integrationId the integration to restore, a hyphenated UUID.
 * @property name as in [ConnectRequest].
 */
data class RenewRequest @JvmOverloads constructor(
    val customerId: String,
    val workspaceId: String,
    val integrationId: String,
    val name: String? = null,
)

/**
 * How a secret is minted.
 *
 * @property expiresIn the secret's lifetime, whole seconds from 1 s to 365 days (a fraction of a second
 *   is dropped): writes `exp = now + expiresIn`. No `exp` when null.
 * @property now the current time (whole seconds; the fraction is dropped), for reproducible output in
 *   tests; the system clock when null.
 * @property keyId a key id written as the header's `kid`, for verifiers holding several keys.
 */
data class MintOptions(
    val expiresIn: Duration? = null,
    val now: Instant? = null,
    val keyId: String? = null,
)

/** What a secret is for. */
enum class SecretKind(
    /** The kind as the core and the other bindings write it: `connect` or `renew`. */
    val wireName: String,
) {
    /** Connects a new integration: no `integration_id`. */
    CONNECT("connect"),

    /** Restores a broken integration: has `integration_id`. */
    RENEW("renew"),
}

/**
 * How a secret is verified.
 *
 * @property expect the kind the caller requires (a renew secret is then refused where a connect secret
 *   is expected, and the reverse, as [MunitySecretException.InvalidClaim] on `integration_id`); any kind when null.
 * @property leeway clock tolerance for `exp` and `nbf`, whole seconds, not negative; 60 s by default.
 * @property now the time of the check (whole seconds); the system clock when null.
 */
data class VerifyOptions(
    val expect: SecretKind? = null,
    val leeway: Duration = DEFAULT_LEEWAY,
    val now: Instant? = null,
) {
    init {
        // Not a secret rule: the core's leeway is an unsigned number of seconds.
        require(!leeway.isNegative()) { "leeway must not be negative; found $leeway" }
    }

    /** Defaults. */
    companion object {
        /** The default clock tolerance, 60 seconds (the core's). */
        val DEFAULT_LEEWAY: Duration = 60.seconds
    }
}

/**
 * A secret that passed every check: its kind, every claim (UUIDs lowercase) and the key that verified it.
 *
 * @property kind [SecretKind.RENEW] when `integration_id` is present, else [SecretKind.CONNECT].
 * @property customerId the customer.
 * @property workspaceId the workspace, lowercase.
 * @property name the display name, when present.
 * @property integrationId the integration (renew secrets), lowercase.
 * @property expiresAt `exp`, when present.
 * @property issuedAt `iat`, when present.
 * @property notBefore `nbf`, when present.
 * @property keyId the header's `kid`, when present.
 * @property fingerprint the RFC 7638 thumbprint of the key that verified the signature.
 */
data class VerifiedSecret(
    val kind: SecretKind,
    val customerId: String,
    val workspaceId: String,
    val name: String?,
    val integrationId: String?,
    val expiresAt: Instant?,
    val issuedAt: Instant?,
    val notBefore: Instant?,
    val keyId: String?,
    val fingerprint: String,
)

/**
 * A generated RSA key pair, PEM, for local development and test suites (never for production:
 * Munity issues the workspace certificate). [toString] does not show the keys.
 *
 * @property privateKeyPem PKCS#8 `PRIVATE KEY`, what [Signer] takes.
 * @property publicKeyPem SPKI `PUBLIC KEY`, what [Verifier] takes.
 */
class KeyPair internal constructor(val privateKeyPem: String, val publicKeyPem: String) {
    override fun toString(): String = "KeyPair(..)"
}
