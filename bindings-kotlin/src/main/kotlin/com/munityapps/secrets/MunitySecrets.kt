package com.munityapps.secrets

import com.munityapps.secrets.ffi.ffiGenerateKeyPair
import com.munityapps.secrets.ffi.ffiVersion
import java.util.Properties

/** Library-wide helpers. */
object MunitySecrets {
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
    fun generateKeyPair(bits: Int = 2048): KeyPair = native {
        val pair = ffiGenerateKeyPair(bits.toUInt())
        KeyPair(pair.privateKeyPem, pair.publicKeyPem)
    }
}
