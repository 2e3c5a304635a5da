package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiSecretKind
import com.munityapps.secrets.ffi.FfiVerifiedSecret
import com.munityapps.secrets.ffi.FfiVerifier
import com.munityapps.secrets.ffi.FfiVerifyArgs

/**
 * Verifies secrets strictly (size and shape, header, signature, then claims and time) against one or
 * several RSA public keys (several for key rotation: a secret with a `kid` is checked against that key
 * only).
 *
 * Thread-safe; [AutoCloseable] like [Signer]. Calls after [close] throw [IllegalStateException].
 */
class Verifier private constructor(private val ffi: FfiVerifier) : AutoCloseable {

    /**
     * Reads public keys from text: one or several PEM blocks (`PUBLIC KEY`, `RSA PUBLIC KEY`,
     * `CERTIFICATE`, or a private key whose public half is used), one JWK, or a JWK Set.
     *
     * @throws MunitySecretException.InvalidKey when a key cannot be used.
     */
    constructor(publicKeys: String) : this(native { FfiVerifier(publicKeys.utf16le()) })

    /** The RFC 7638 thumbprints of the keys, in the order they are tried. */
    val fingerprints: List<String> = native { ffi.fingerprints() }

    /** The keys' ids (null for a key without one), in the order of [fingerprints]. */
    val keyIds: List<String?> = native { ffi.keyIds() }

    /**
     * Verifies [secret] and returns its claims.
     *
     * @throws MunitySecretException one of its subclasses for each way a secret can fail.
     */
    @JvmOverloads
    fun verify(secret: String, options: VerifyOptions = VerifyOptions()): VerifiedSecret = native {
        ffi.verify(
            FfiVerifyArgs(
                secret = secret.utf16le(),
                leeway = options.leeway.inWholeSeconds.toULong(),
                now = options.now?.epochSecond,
                expect = when (options.expect) {
                    null -> null
                    SecretKind.CONNECT -> FfiSecretKind.CONNECT
                    SecretKind.RENEW -> FfiSecretKind.RENEW
                },
            ),
        ).toPublic()
    }

    /** Frees the native keys now. Idempotent. */
    override fun close() = ffi.close()

    /** Shows the fingerprints, never the keys. */
    override fun toString(): String = "Verifier(fingerprints=$fingerprints)"

    /** Constructors from the environment. */
    companion object {
        /** The conventional environment variable for the public key(s). */
        const val DEFAULT_ENV: String = "MUNITY_PUBLIC_KEY"

        /**
         * Reads the public key(s) from the environment variable [name].
         *
         * @throws MunitySecretException.InvalidKey when it is not set or holds no usable key.
         */
        @JvmStatic
        @JvmOverloads
        fun fromEnv(name: String = DEFAULT_ENV): Verifier = Verifier(native { FfiVerifier.fromEnv(name.utf16le()) })

        internal fun wrap(ffi: FfiVerifier): Verifier = Verifier(ffi)
    }
}

private fun FfiVerifiedSecret.toPublic() = VerifiedSecret(
    kind = when (kind) {
        FfiSecretKind.CONNECT -> SecretKind.CONNECT
        FfiSecretKind.RENEW -> SecretKind.RENEW
    },
    customerId = customerId,
    workspaceId = workspaceId,
    name = name,
    integrationId = integrationId,
    expiresAt = expiresAt?.let(::instantOf),
    issuedAt = issuedAt?.let(::instantOf),
    notBefore = notBefore?.let(::instantOf),
    keyId = keyId,
    fingerprint = fingerprint,
)
