package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiErrorKind
import com.munityapps.secrets.ffi.FfiException
import com.munityapps.secrets.ffi.FfiExpiry
import com.munityapps.secrets.ffi.FfiMintArgs
import com.munityapps.secrets.ffi.FfiSecretKind
import com.munityapps.secrets.ffi.FfiTime
import com.munityapps.secrets.ffi.FfiVerifiedSecret
import com.munityapps.secrets.ffi.FfiVerifyArgs
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.toJavaDuration

// Type conversion between the public API and the generated bindings (com.munityapps.secrets.ffi).
// No rule lives here: every check is the core's.

/**
 * The string's UTF-16 code units as little-endian bytes, lone surrogates included: the core decodes
 * them (claims strictly, refusing a lone surrogate as InvalidClaim/lone_surrogate; other texts lossily).
 * UniFFI's own String lowering would throw a CharacterCodingException on a lone surrogate instead.
 */
internal fun String.utf16le(): ByteArray {
    val out = ByteArray(length * 2)
    for (i in indices) {
        val unit = this[i].code
        out[2 * i] = unit.toByte()
        out[2 * i + 1] = (unit shr 8).toByte()
    }
    return out
}

/** An instant as its parts; the core turns them into whole seconds or refuses them. */
internal fun Instant.parts() = FfiTime(epochSecond, nano.toUInt())

/**
 * A duration as its parts. An infinite duration is the largest (or smallest) number of whole seconds,
 * which the core refuses as out of range: `toJavaDuration` would add 999,999,999 ns and make it "fractional".
 */
internal fun Duration.parts(): FfiTime = when {
    isInfinite() -> FfiTime(if (isPositive()) Long.MAX_VALUE else Long.MIN_VALUE, 0u)
    else -> toJavaDuration().let { FfiTime(it.seconds, it.nano.toUInt()) }
}

internal fun mintArgs(
    customerId: String,
    workspaceId: String?,
    name: String?,
    integrationId: String?,
    options: MintOptions,
) = FfiMintArgs(
    customerId = customerId.utf16le(),
    workspaceId = workspaceId?.utf16le(),
    name = name?.utf16le(),
    integrationId = integrationId?.utf16le(),
    expiry = options.expiresAt?.let { FfiExpiry.At(it.parts()) }
        ?: options.expiresIn?.let { FfiExpiry.In(it.parts()) }
        ?: FfiExpiry.Never,
    now = options.now?.parts(),
    keyId = options.keyId?.utf16le(),
)

internal fun verifyArgs(secret: String, options: VerifyOptions) = FfiVerifyArgs(
    secret = secret.utf16le(),
    leeway = options.leeway.parts(),
    now = options.now?.parts(),
    expect = when (options.expect) {
        null -> null
        SecretKind.CONNECT -> FfiSecretKind.CONNECT
        SecretKind.RENEW -> FfiSecretKind.RENEW
    },
)

/** The core keeps every NumericDate it returns within 0..MAX_NUMERIC_DATE (year 9999): always an Instant. */
private fun instant(seconds: Long): Instant = Instant.ofEpochSecond(seconds)

internal fun FfiVerifiedSecret.toPublic() = VerifiedSecret(
    kind = when (kind) {
        FfiSecretKind.CONNECT -> SecretKind.CONNECT
        FfiSecretKind.RENEW -> SecretKind.RENEW
    },
    customerId = customerId,
    workspaceId = workspaceId,
    name = name,
    integrationId = integrationId,
    expiresAt = expiresAt?.let(::instant),
    issuedAt = issuedAt?.let(::instant),
    notBefore = notBefore?.let(::instant),
    keyId = keyId,
    fingerprint = fingerprint,
)

/** Runs a call into the native library, turning its flat error into the sealed hierarchy. */
internal inline fun <T> native(call: () -> T): T =
    try {
        call()
    } catch (e: FfiException.Failure) {
        throw e.toPublic()
    }

internal fun FfiException.Failure.toPublic(): MunitySecretException {
    val m = text
    val k = kindCode
    return when (kind) {
        FfiErrorKind.INVALID_KEY -> MunitySecretException.InvalidKey(m, code, k, reason.orEmpty())
        FfiErrorKind.INVALID_CLAIM -> MunitySecretException.InvalidClaim(m, code, k, claim.orEmpty(), reason.orEmpty())
        FfiErrorKind.MALFORMED_SECRET -> MunitySecretException.MalformedSecret(m, code, k)
        FfiErrorKind.UNSUPPORTED_ALGORITHM -> MunitySecretException.UnsupportedAlgorithm(m, code, k, found.orEmpty())
        FfiErrorKind.BAD_SIGNATURE -> MunitySecretException.BadSignature(m, code, k)
        FfiErrorKind.UNKNOWN_KEY -> MunitySecretException.UnknownKey(m, code, k, found.orEmpty())
        FfiErrorKind.EXPIRED -> MunitySecretException.Expired(
            m, code, k, instant(at ?: 0), instant(now ?: 0), java.time.Duration.ofSeconds(leeway ?: 0),
        )
        FfiErrorKind.NOT_YET_VALID -> MunitySecretException.NotYetValid(
            m, code, k, instant(at ?: 0), instant(now ?: 0), java.time.Duration.ofSeconds(leeway ?: 0),
        )
    }
}
