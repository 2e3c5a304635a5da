package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiErrorKind
import com.munityapps.secrets.ffi.FfiException
import java.time.Instant
import kotlin.time.Duration.Companion.seconds

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

/** Seconds since the epoch as an Instant, clamped to Instant's range (the core allows any 64-bit NumericDate). */
internal fun instantOf(seconds: Long): Instant = when {
    seconds > Instant.MAX.epochSecond -> Instant.MAX
    seconds < Instant.MIN.epochSecond -> Instant.MIN
    else -> Instant.ofEpochSecond(seconds)
}

/** Runs a call into the native library, turning its flat error into the sealed hierarchy. */
internal inline fun <T> native(call: () -> T): T =
    try {
        call()
    } catch (e: FfiException.Failure) {
        throw e.toPublic()
    }

internal fun FfiException.Failure.toPublic(): MunitySecretException {
    val message = text
    val leewayDuration = (leeway ?: 0uL).toLong().coerceAtLeast(0).seconds
    return when (kind) {
        FfiErrorKind.INVALID_KEY ->
            MunitySecretException.InvalidKey(message, code, KeyErrorReason.fromCode(reason.orEmpty()))
        FfiErrorKind.INVALID_CLAIM ->
            MunitySecretException.InvalidClaim(message, code, claim.orEmpty(), ClaimErrorReason.fromCode(reason.orEmpty()))
        FfiErrorKind.MALFORMED_SECRET -> MunitySecretException.MalformedSecret(message, code)
        FfiErrorKind.UNSUPPORTED_ALGORITHM -> MunitySecretException.UnsupportedAlgorithm(message, code, found.orEmpty())
        FfiErrorKind.BAD_SIGNATURE -> MunitySecretException.BadSignature(message, code)
        FfiErrorKind.UNKNOWN_KEY -> MunitySecretException.UnknownKey(message, code, found.orEmpty())
        FfiErrorKind.EXPIRED ->
            MunitySecretException.Expired(message, code, instantOf(at ?: 0), instantOf(now ?: 0), leewayDuration)
        FfiErrorKind.NOT_YET_VALID ->
            MunitySecretException.NotYetValid(message, code, instantOf(at ?: 0), instantOf(now ?: 0), leewayDuration)
    }
}
