package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiMintArgs
import com.munityapps.secrets.ffi.FfiSigner

/**
 * Mints connect and renew secrets with the workspace certificate: the same bytes as PyJWT and every
 * other binding for the same key and claims.
 *
 * The certificate is parsed once; share one signer between threads (it is thread-safe) and close it
 * when done ([AutoCloseable], so `use { }` works). A signer that is dropped without [close] is freed
 * when it is garbage-collected. Calls after [close] throw [IllegalStateException].
 *
 * ```kotlin
 * Signer.fromEnv().use { signer ->
 *     val secret = signer.connectSecret(
 *         ConnectRequest("customer1234", "11111111-2222-3333-aaaa-eeeeeeeeeeee"),
 *         MintOptions(expiresIn = 10.minutes),
 *     )
 * }
 * ```
 */
class Signer private constructor(private val ffi: FfiSigner) : AutoCloseable {

    /**
     * Reads the workspace certificate: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY` PEM, also as it
     * arrives from environment variables and secret stores (quoted, `\n`-escaped, CRLF, base64-wrapped).
     *
     * @throws MunitySecretException.InvalidKey when the key cannot be used (with the reason).
     */
    constructor(certificate: String) : this(native { FfiSigner(certificate.utf16le()) })

    /** The RFC 7638 thumbprint of the key (SHA-256, base64url), to match against the workspace settings. */
    val fingerprint: String = native { ffi.fingerprint() }

    /**
     * Mints a connect secret.
     *
     * @throws MunitySecretException.InvalidClaim when a claim or option breaks its rule.
     */
    @JvmOverloads
    fun connectSecret(request: ConnectRequest, options: MintOptions = MintOptions()): String =
        mint(request.customerId, request.workspaceId, null, request.name, options)

    /**
     * Mints a renew secret: a connect secret's claims plus `integration_id`.
     *
     * @throws MunitySecretException.InvalidClaim when a claim or option breaks its rule.
     */
    @JvmOverloads
    fun renewSecret(request: RenewRequest, options: MintOptions = MintOptions()): String =
        mint(request.customerId, request.workspaceId, request.integrationId, request.name, options)

    private fun mint(customerId: String, workspaceId: String, integrationId: String?, name: String?, options: MintOptions) =
        native {
            ffi.mint(
                FfiMintArgs(
                    customerId = customerId.utf16le(),
                    workspaceId = workspaceId.utf16le(),
                    integrationId = integrationId?.utf16le(),
                    name = name?.utf16le(),
                    expiresIn = options.expiresIn?.inWholeSeconds,
                    now = options.now?.epochSecond,
                    keyId = options.keyId?.utf16le(),
                ),
            )
        }

    /** A new [Verifier] holding this signer's public key (close it separately). */
    fun verifier(): Verifier = Verifier.wrap(native { ffi.verifier() })

    /** Frees the native key now. Idempotent; calls after it throw [IllegalStateException]. */
    override fun close() = ffi.close()

    /** Shows the fingerprint, never the key. */
    override fun toString(): String = "Signer(fingerprint=$fingerprint)"

    /** Constructors from the environment. */
    companion object {
        /** The conventional environment variable for the certificate. */
        const val DEFAULT_ENV: String = "MUNITY_CERTIFICATE"

        /**
         * Reads the certificate from the environment variable [name].
         *
         * @throws MunitySecretException.InvalidKey when it is not set or not a usable key.
         */
        @JvmStatic
        @JvmOverloads
        fun fromEnv(name: String = DEFAULT_ENV): Signer = Signer(native { FfiSigner.fromEnv(name.utf16le()) })
    }
}
