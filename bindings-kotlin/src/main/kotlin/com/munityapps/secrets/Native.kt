package com.munityapps.secrets

import com.munityapps.secrets.ffi.FfiException
import com.munityapps.secrets.ffi.FfiSigner
import com.munityapps.secrets.ffi.FfiVerifier
import com.munityapps.secrets.ffi.ffiMintWith
import com.munityapps.secrets.ffi.ffiVerifyWith
import com.munityapps.secrets.ffi.ErrorKind as FfiErrorKind
import com.munityapps.secrets.ffi.SecretKind as FfiSecretKind
import com.munityapps.secrets.ffi.VerifiedSecret as FfiVerifiedSecret
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.toJavaDuration

// Type conversion between the public API and the generated bindings (com.munityapps.secrets.ffi).
// No rule lives here: every check is the core's.

/**
 * The string's UTF-16 code units as little-endian bytes, lone surrogates included: the core decodes
 * them (claims strictly, refusing a lone surrogate as InvalidClaim/lone_surrogate; other texts lossily).
 * UniFFI's own String lowering would throw a CharacterCodingException on a lone surrogate instead.
 * For the constructors; the hot calls pass their strings in [utf16Buffer].
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

/** Buffers up to this size are kept for the thread's next call; a larger one is for one call only. */
private const val KEPT_BUFFER_BYTES = 64 * 1024

private val callBuffers: ThreadLocal<ByteBuffer> =
    ThreadLocal.withInitial { ByteBuffer.allocateDirect(2048).order(ByteOrder.LITTLE_ENDIAN) }

/**
 * The strings of one mint or verify call as UTF-16 code units (little-endian, lone surrogates
 * included, decoded by the core as for [utf16le]), one after the other, null ones left out, in the
 * calling thread's direct buffer: UniFFI passes a direct `ByteBuffer` to Rust's `&[u8]` without a
 * copy or an allocation call, and the buffer is reused by the thread's next call (the call
 * completes before this thread writes the buffer again). The Rust side takes each string by its
 * length ([units]).
 */
internal fun utf16Buffer(vararg texts: String?): ByteBuffer {
    var units = 0L
    for (text in texts) units += text?.length ?: 0
    val bytes = units * 2
    if (bytes > Int.MAX_VALUE) throw OutOfMemoryError("strings of $units UTF-16 code units do not fit in one buffer")
    var buffer = callBuffers.get()
    if (bytes > buffer.capacity()) {
        val size = if (bytes > KEPT_BUFFER_BYTES) bytes.toInt() else maxOf(bytes.toInt(), minOf(2 * buffer.capacity(), KEPT_BUFFER_BYTES))
        buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN)
        if (size <= KEPT_BUFFER_BYTES) callBuffers.set(buffer)
    }
    buffer.clear()
    var at = 0
    for (text in texts) {
        if (text == null) continue
        for (i in text.indices) {
            buffer.putChar(at, text[i])
            at += 2
        }
    }
    buffer.limit(at)
    buffer.position(0)
    return buffer
}

/** The length of [text] in the buffer of [utf16Buffer], in code units; -1 when absent. */
internal fun units(text: String?): Int = text?.length ?: -1

/** A `java.time` or `kotlin.time` value as whole seconds and nanoseconds; the core turns them into whole seconds or refuses them. */
internal class TimeParts(val seconds: Long, val nanos: Int)

/** An instant as its parts. */
internal fun Instant.parts() = TimeParts(epochSecond, nano)

/**
 * A duration as its parts. An infinite duration is the largest (or smallest) number of whole seconds,
 * which the core refuses as out of range: `toJavaDuration` would add 999,999,999 ns and make it "fractional".
 */
internal fun Duration.parts(): TimeParts = when {
    isInfinite() -> TimeParts(if (isPositive()) Long.MAX_VALUE else Long.MIN_VALUE, 0)
    else -> toJavaDuration().let { TimeParts(it.seconds, it.nano) }
}

// The codes of the Rust side (bindings-kotlin/src/lib.rs).
private const val EXPIRY_NEVER: UByte = 0u
private const val EXPIRY_IN: UByte = 1u
private const val EXPIRY_AT: UByte = 2u
private const val EXPECT_ANY: UByte = 0u
private const val EXPECT_CONNECT: UByte = 1u
private const val EXPECT_RENEW: UByte = 2u

/**
 * Mints with [signer] (or, when null, the core's cached signer for [certificate]): the claims in one
 * buffer, the options as primitives, so the call is one native call plus freeing the result.
 */
internal fun mint(
    signer: FfiSigner?,
    certificate: String?,
    customerId: String,
    workspaceId: String?,
    name: String?,
    integrationId: String?,
    options: MintOptions,
): String {
    val expiresAt = options.expiresAt
    val expiresIn = options.expiresIn
    val (expiry, time) = when {
        expiresAt != null -> EXPIRY_AT to expiresAt.parts()
        expiresIn != null -> EXPIRY_IN to expiresIn.parts()
        else -> EXPIRY_NEVER to null
    }
    val now = options.now
    val keyId = options.keyId
    return if (signer != null) {
        signer.mint(
            utf16Buffer(customerId, workspaceId, name, integrationId, keyId),
            units(customerId), units(workspaceId), units(name), units(integrationId), units(keyId),
            expiry, time?.seconds ?: 0, (time?.nanos ?: 0).toUInt(),
            now != null, now?.epochSecond ?: 0, (now?.nano ?: 0).toUInt(),
        )
    } else {
        ffiMintWith(
            utf16Buffer(certificate, customerId, workspaceId, name, integrationId, keyId),
            units(certificate), units(customerId), units(workspaceId), units(name), units(integrationId), units(keyId),
            expiry, time?.seconds ?: 0, (time?.nanos ?: 0).toUInt(),
            now != null, now?.epochSecond ?: 0, (now?.nano ?: 0).toUInt(),
        )
    }
}

/** Verifies with [verifier] (or, when null, the core's cached verifier for [publicKeys]); see [mint]. */
internal fun verify(verifier: FfiVerifier?, publicKeys: String?, secret: String, options: VerifyOptions): VerifiedSecret {
    val leeway = options.leeway.parts()
    val now = options.now
    val expect = when (options.expect) {
        null -> EXPECT_ANY
        SecretKind.CONNECT -> EXPECT_CONNECT
        SecretKind.RENEW -> EXPECT_RENEW
    }
    val result = if (verifier != null) {
        verifier.verify(
            utf16Buffer(secret),
            leeway.seconds, leeway.nanos.toUInt(),
            now != null, now?.epochSecond ?: 0, (now?.nano ?: 0).toUInt(),
            expect,
        )
    } else {
        ffiVerifyWith(
            utf16Buffer(publicKeys, secret),
            units(publicKeys),
            leeway.seconds, leeway.nanos.toUInt(),
            now != null, now?.epochSecond ?: 0, (now?.nano ?: 0).toUInt(),
            expect,
        )
    }
    return result.toPublic()
}

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
