package com.munityapps.secrets

import com.munityapps.secrets.ffi.ffiDefaults
import com.munityapps.secrets.ffi.ffiGenerateKeyPair
import com.munityapps.secrets.ffi.ffiVersion
import java.time.Duration
import java.time.Instant
import java.util.Properties

/**
 * The library's defaults (the core's, read from the native library), its version, the key-pair
 * generator for tests, and one-call functions for code that mints or verifies only now and then.
 */
object MunitySecrets {
    private val defaults = native { ffiDefaults() }

    /** The environment variable of the workspace certificate: `MUNITY_CERTIFICATE`. */
    @JvmField val CERTIFICATE_ENV: String = defaults.certificateEnv

    /** The environment variable of the workspace id a signer from the environment is bound to: `MUNITY_WORKSPACE_ID`. */
    @JvmField val WORKSPACE_ID_ENV: String = defaults.workspaceIdEnv

    /** The environment variable of the verifier's public key(s): `MUNITY_PUBLIC_KEY`. */
    @JvmField val PUBLIC_KEY_ENV: String = defaults.publicKeyEnv

    /** A secret's lifetime when the caller says nothing: one hour. */
    @JvmField val DEFAULT_EXPIRES_IN: Duration = Duration.ofSeconds(defaults.defaultExpiresIn)

    /** The longest lifetime (and how far ahead `expiresAt` may lie): 365 days. */
    @JvmField val MAX_EXPIRES_IN: Duration = Duration.ofSeconds(defaults.maxExpiresIn)

    /** The default clock tolerance for `exp` and `nbf`: 60 seconds. */
    @JvmField val DEFAULT_LEEWAY: Duration = Duration.ofSeconds(defaults.defaultLeeway)

    /** The largest clock tolerance accepted: one hour. */
    @JvmField val MAX_LEEWAY: Duration = Duration.ofSeconds(defaults.maxLeeway)

    /** The modulus size of [generateKeyPair] by default: 2048 bits. */
    @JvmField val DEFAULT_KEY_BITS: Int = defaults.defaultKeyBits.toInt()

    /** The last time a secret may carry or a caller may pass: 9999-12-31T23:59:59Z (the first is 1970-01-01T00:00:00Z). */
    @JvmField val MAX_NUMERIC_DATE: Instant = Instant.ofEpochSecond(defaults.maxNumericDate)

    /** The version of this jar (equal to the Rust workspace's version). */
    @JvmStatic
    val version: String = Properties().run {
        MunitySecrets::class.java.getResourceAsStream("munity-secrets.properties")?.use { load(it) }
        getProperty("version", "unknown")
    }

    /** The version of the bundled native library; equal to [version] in a consistent build. */
    @JvmStatic
    fun nativeVersion(): String = native { ffiVersion() }

    /**
     * Generates an RSA key pair of [bits] (2048, 3072 or 4096) for local development and tests; never
     * for production, where Munity issues the workspace certificate.
     *
     * @throws MunitySecretException.InvalidKey for another size.
     */
    @JvmStatic
    @JvmOverloads
    fun generateKeyPair(bits: Int = DEFAULT_KEY_BITS): KeyPair = native {
        // A negative Int becomes a huge unsigned size, which the core refuses like any other.
        val pair = ffiGenerateKeyPair(bits.toUInt())
        KeyPair(pair.privateKeyPem, pair.publicKeyPem)
    }

    /**
     * Mints a connect secret with [certificate] in one call. The core keeps a few parsed keys
     * (a small bounded cache), so repeated calls do not parse the key again; a [Signer] is still the
     * better choice for a server.
     */
    @JvmStatic
    @JvmOverloads
    fun connectSecret(certificate: String, request: ConnectRequest, options: MintOptions = MintOptions()): String =
        native { mint(null, certificate, request.customerId, request.workspaceId, request.name, null, options) }

    /** Mints a renew secret with [certificate] in one call (see [connectSecret]). */
    @JvmStatic
    @JvmOverloads
    fun renewSecret(certificate: String, request: RenewRequest, options: MintOptions = MintOptions()): String =
        native { mint(null, certificate, request.customerId, request.workspaceId, request.name, request.integrationId, options) }

    /** Verifies [secret] against [publicKeys] (PEM, JWK or JWK Set text) in one call (cached like [connectSecret]). */
    @JvmStatic
    @JvmOverloads
    fun verifySecret(publicKeys: String, secret: String, options: VerifyOptions = VerifyOptions()): VerifiedSecret =
        native { verify(null, publicKeys, secret, options) }
}
