package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiSigner
import java.security.PrivateKey

/**
 * Mints connect and renew secrets with the workspace certificate: the same bytes as PyJWT and every
 * other binding for the same key and claims. Secrets expire in one hour unless [MintOptions] says otherwise.
 *
 * The certificate is parsed once; share one signer between threads (it is thread-safe) and close it
 * when done ([AutoCloseable], so `use { }` works). A signer that is dropped without [close] is freed
 * when it is garbage-collected. Calls after [close] throw [IllegalStateException].
 *
 * ```kotlin
 * Signer.fromEnv().use { signer ->            // MUNITY_CERTIFICATE, bound to MUNITY_WORKSPACE_ID
 *     val secret = signer.connectSecret(ConnectRequest("customer1234"), MintOptions(expiresIn = 10.minutes))
 * }
 * ```
 */
class Signer private constructor(private val ffi: FfiSigner) : AutoCloseable {

    /**
     * Reads the workspace certificate: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY` PEM, also as it
     * arrives from environment variables and secret stores (quoted, `\n`-escaped, CRLF, base64-wrapped).
     * Bound to [workspaceId] when given: calls may then leave the workspace out, and a call naming
     * another workspace is `InvalidClaim/workspace_id` (reason `other_workspace`).
     *
     * @throws MunitySecretException.InvalidKey when the key cannot be used (with the reason).
     * @throws MunitySecretException.InvalidClaim when [workspaceId] is not a UUID.
     */
    @JvmOverloads
    constructor(certificate: String, workspaceId: String? = null) :
        this(native { FfiSigner(certificate.utf16le(), workspaceId?.utf16le()) })

    /**
     * The certificate as a `java.security.PrivateKey` (as nimbus and jjwt users hold it): its PKCS#8
     * encoding goes to the core, whose rules apply (RSA, 2048 bits or more).
     */
    @JvmOverloads
    constructor(privateKey: PrivateKey, workspaceId: String? = null) : this(privateKey.keyText(), workspaceId)

    /** The RFC 7638 thumbprint of the key (SHA-256, base64url), to match against the workspace settings. */
    val fingerprint: String = native { ffi.fingerprint() }

    /** The workspace this signer is bound to (lowercase), or null. */
    val workspaceId: String? = native { ffi.workspaceId() }

    /**
     * Mints a connect secret.
     *
     * @throws MunitySecretException.InvalidClaim when a claim or option breaks its rule.
     */
    @JvmOverloads
    fun connectSecret(request: ConnectRequest, options: MintOptions = MintOptions()): String =
        native { mint(ffi, null, request.customerId, request.workspaceId, request.name, null, options) }

    /**
     * Mints a renew secret: a connect secret's claims plus `integration_id`.
     *
     * @throws MunitySecretException.InvalidClaim when a claim or option breaks its rule.
     */
    @JvmOverloads
    fun renewSecret(request: RenewRequest, options: MintOptions = MintOptions()): String = native {
        mint(ffi, null, request.customerId, request.workspaceId, request.name, request.integrationId, options)
    }

    /** A new [Verifier] holding this signer's public key (close it separately). */
    fun verifier(): Verifier = Verifier.wrap(native { ffi.verifier() })

    /** Frees the native key now. Idempotent; calls after it throw [IllegalStateException]. */
    override fun close() = ffi.close()

    /** Shows the fingerprint and workspace, never the key. */
    override fun toString(): String = "Signer(fingerprint=$fingerprint, workspaceId=$workspaceId)"

    /** Constructors from the environment. */
    companion object {
        /**
         * The certificate from the environment variable [certificateVariable] (`MUNITY_CERTIFICATE`),
         * bound to the workspace in [workspaceIdVariable] (`MUNITY_WORKSPACE_ID`) when that is set and
         * not empty (pass null to never bind).
         *
         * @throws MunitySecretException.InvalidKey when the certificate is not set or not a usable key.
         */
        @JvmStatic
        @JvmOverloads
        fun fromEnv(
            certificateVariable: String = MunitySecrets.CERTIFICATE_ENV,
            workspaceIdVariable: String? = MunitySecrets.WORKSPACE_ID_ENV,
        ): Signer = Signer(native { FfiSigner.fromEnv(certificateVariable.utf16le(), workspaceIdVariable?.utf16le()) })
    }
}
