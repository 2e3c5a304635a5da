package com.munityapps.secrets

import java.time.Instant

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
 * A secret that passed every check: its kind, every claim (UUIDs lowercase) and the key that verified it.
 * Times are whole seconds; the core refuses a secret whose times lie outside 1970..9999, so each is an [Instant].
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
