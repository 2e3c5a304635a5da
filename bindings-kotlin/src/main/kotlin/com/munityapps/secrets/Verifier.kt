package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiVerifier
import java.security.PublicKey
import java.security.cert.X509Certificate

/**
 * Verifies secrets strictly (size and shape, header, signature, then claims and time) against one or
 * several RSA public keys (several for key rotation: a secret with a `kid` is checked against that key
 * only).
 *
 * Thread-safe; [AutoCloseable] like [Signer]. Calls after [close] throw [IllegalStateException].
 */
class Verifier private constructor(private val ffi: FfiVerifier) : AutoCloseable {

    /**
     * Reads public keys from several texts, merged (for key rotation): each one or several PEM blocks
     * (`PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`, or a private key whose public half is used), one
     * JWK, or a JWK Set. No text at all is `InvalidKey` (`no_key`); key ids must be unique.
     *
     * @throws MunitySecretException.InvalidKey when a key cannot be used.
     */
    constructor(publicKeys: List<String>) : this(native { FfiVerifier(publicKeys.map { it.utf16le() }) })

    /** Reads public keys from one text (see the list constructor). */
    constructor(publicKeys: String) : this(listOf(publicKeys))

    /** A `java.security.PublicKey` (its X.509 SubjectPublicKeyInfo encoding goes to the core). */
    constructor(publicKey: PublicKey) : this(publicKey.keyText())

    /** The public key of an X.509 certificate (its DER encoding goes to the core). */
    constructor(certificate: X509Certificate) : this(certificate.keyText())

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
    fun verify(secret: String, options: VerifyOptions = VerifyOptions()): VerifiedSecret =
        native { verify(ffi, null, secret, options) }

    /** Frees the native keys now. Idempotent. */
    override fun close() = ffi.close()

    /** Shows the fingerprints, never the keys. */
    override fun toString(): String = "Verifier(fingerprints=$fingerprints)"

    /** Other constructors. */
    companion object {
        /**
         * The public key(s) from the environment variable [name] (`MUNITY_PUBLIC_KEY`).
         *
         * @throws MunitySecretException.InvalidKey when it is not set or holds no usable key.
         */
        @JvmStatic
        @JvmOverloads
        fun fromEnv(name: String = MunitySecrets.PUBLIC_KEY_ENV): Verifier =
            Verifier(native { FfiVerifier.fromEnv(name.utf16le()) })

        /** The keys of a JWK Set document (`{"keys":[...]}`), as a JWKS endpoint serves it. */
        @JvmStatic
        fun fromJwks(jwks: String): Verifier = Verifier(jwks)

        /** Several `java.security.PublicKey`s (key rotation). */
        @JvmStatic
        fun fromPublicKeys(keys: List<PublicKey>): Verifier = Verifier(keys.map { it.keyText() })

        /** The public keys of several X.509 certificates. */
        @JvmStatic
        fun fromCertificates(certificates: List<X509Certificate>): Verifier = Verifier(certificates.map { it.keyText() })

        internal fun wrap(ffi: FfiVerifier): Verifier = Verifier(ffi)
    }
}
