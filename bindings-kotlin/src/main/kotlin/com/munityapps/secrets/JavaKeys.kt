package com.munityapps.secrets

import java.security.PrivateKey
import java.security.PublicKey
import java.security.cert.X509Certificate
import java.util.Base64

// java.security keys as the key text the core reads: the key's encoded form (PKCS#8 for a private
// key, SubjectPublicKeyInfo for a public key, DER for a certificate) in a PEM block. The core applies
// its rules to it as to any text: a key that is not RSA, too small, ... is its InvalidKey. A key that
// cannot be exported (getEncoded() null, as in a hardware keystore) gives an empty text, which the
// core refuses as InvalidKey.

private fun pem(label: String, der: ByteArray?): String =
    if (der == null) {
        ""
    } else {
        "-----BEGIN $label-----\n" + Base64.getMimeEncoder(64, byteArrayOf('\n'.code.toByte())).encodeToString(der) +
            "\n-----END $label-----\n"
    }

internal fun PrivateKey.keyText(): String = pem("PRIVATE KEY", encoded)

internal fun PublicKey.keyText(): String = pem("PUBLIC KEY", encoded)

internal fun X509Certificate.keyText(): String = pem("CERTIFICATE", encoded)
