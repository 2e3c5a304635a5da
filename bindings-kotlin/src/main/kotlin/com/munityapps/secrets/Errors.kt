package com.munityapps.secrets

import java.time.Instant
import kotlin.time.Duration

/**
 * Why a key was refused (the core's `KeyErrorReason`). [code] is the stable, language-neutral code
 * that also ends [MunitySecretException.code] (`INVALID_KEY/too_small`).
 */
enum class KeyErrorReason(
    /** The language-neutral code: `malformed`, `too_small`, ... */
    val code: String,
) {
    /** Not PEM, DER or JWK that parses; an unexpected PEM label; empty input; an unset environment variable. */
    MALFORMED("malformed"),
    /** An encrypted private key. */
    ENCRYPTED("encrypted"),
    /** A key of another algorithm (EC, Ed25519, ...) or an RSA-PSS-only key. */
    NOT_RSA("not_rsa"),
    /** An RSA modulus under 2048 bits. */
    TOO_SMALL("too_small"),
    /** An RSA modulus over 8192 bits. */
    TOO_LARGE("too_large"),
    /** A public key or an X.509 certificate where a private key is needed. */
    NOT_PRIVATE("not_private"),
    /** More than one PEM block where exactly one private key is expected. */
    MULTIPLE_KEYS("multiple_keys"),
    /** The crypto library's own key checks refused it (inconsistent key, absurd exponent, ...). */
    REJECTED("rejected"),
    /** No key at all (an empty JWK Set). */
    NO_KEY("no_key"),
    /** Two keys of one verifier share a key id. */
    DUPLICATE_KEY_ID("duplicate_key_id"),
    /** A reason added to the core after this version of the Kotlin layer; see the exception's message. */
    OTHER("other");

    /** Lookup by [code]. */
    companion object {
        /** The reason with this code, or [OTHER]. */
        @JvmStatic
        fun fromCode(code: String): KeyErrorReason = entries.firstOrNull { it.code == code } ?: OTHER
    }
}

/** Which rule a claim (or a minting option) broke (the core's `ClaimErrorReason`). */
enum class ClaimErrorReason(
    /** The language-neutral code: `invalid_character`, `lone_surrogate`, ... */
    val code: String,
) {
    /** A required claim is absent. */
    MISSING("missing"),
    /** An empty string. */
    EMPTY("empty"),
    /** Longer than allowed (255 characters for strings). */
    TOO_LONG("too_long"),
    /** A character the claim does not allow. */
    INVALID_CHARACTER("invalid_character"),
    /** A JVM string holding a lone UTF-16 surrogate. */
    LONE_SURROGATE("lone_surrogate"),
    /** A name made only of white space. */
    BLANK("blank"),
    /** Not a hyphenated 8-4-4-4-12 UUID. */
    INVALID_UUID("invalid_uuid"),
    /** A JSON value of the wrong type (a string `exp`, ...). */
    WRONG_TYPE("wrong_type"),
    /** A number out of its range (`expires_in`, `now`, ...). */
    OUT_OF_RANGE("out_of_range"),
    /** A claim the format does not define. */
    UNKNOWN("unknown"),
    /** A secret of the other kind than required (the claim is `integration_id`). */
    WRONG_KIND("wrong_kind"),
    /** A reason added to the core after this version of the Kotlin layer; see the exception's message. */
    OTHER("other");

    /** Lookup by [code]. */
    companion object {
        /** The reason with this code, or [OTHER]. */
        @JvmStatic
        fun fromCode(code: String): ClaimErrorReason = entries.firstOrNull { it.code == code } ?: OTHER
    }
}

/**
 * Everything that can go wrong minting or verifying a secret: one sealed hierarchy with the kinds of
 * the spec, so a `when` over it is exhaustive.
 *
 * [message] is the core's own text, written for a person ("expired 42 s ago (exp 1732752000, leeway
 * 60 s)"); it never holds key material. [code] is stable and language-neutral, the same string the
 * conformance vectors and the other bindings use (`INVALID_CLAIM/customer_id`, `INVALID_KEY/too_small`,
 * `EXPIRED`): branch on the class or on [code], never on the message.
 */
sealed class MunitySecretException(
    message: String,
    /** `KIND` or `KIND/detail`: `INVALID_KEY/<reason>`, `INVALID_CLAIM/<claim>`, `MALFORMED_SECRET`, ... */
    val code: String,
) : RuntimeException(message) {

    /** A key that cannot be used; see [reason]. */
    class InvalidKey internal constructor(
        message: String,
        code: String,
        /** Why the key was refused. */
        val reason: KeyErrorReason,
    ) : MunitySecretException(message, code)

    /** A claim (or minting option: `expires_in`, `now`, `kid`) that breaks its rule. */
    class InvalidClaim internal constructor(
        message: String,
        code: String,
        /** The claim's name on the wire (`customer_id`, `exp`, ...) or the option's (`expires_in`, `now`, `kid`). */
        val claim: String,
        /** Which rule it broke. */
        val reason: ClaimErrorReason,
    ) : MunitySecretException(message, code)

    /** A string that is not a well-formed secret: size, parts, base64url, JSON, header members. */
    class MalformedSecret internal constructor(message: String, code: String) : MunitySecretException(message, code)

    /** A header `alg` other than `RS256` (`none` included), refused before any key is touched. */
    class UnsupportedAlgorithm internal constructor(
        message: String,
        code: String,
        /** The `alg` found, as JSON text, cut to a few characters. */
        val algorithm: String,
    ) : MunitySecretException(message, code)

    /** The signature does not match under any key that could be used. */
    class BadSignature internal constructor(message: String, code: String) : MunitySecretException(message, code)

    /** The secret names a `kid` that no key of the verifier has. */
    class UnknownKey internal constructor(
        message: String,
        code: String,
        /** The `kid` of the secret, cut to a few characters. */
        val keyId: String,
    ) : MunitySecretException(message, code)

    /** `now >= exp + leeway`. */
    class Expired internal constructor(
        message: String,
        code: String,
        /** The secret's `exp`. */
        val expiresAt: Instant,
        /** The time of the check. */
        val now: Instant,
        /** The leeway in force. */
        val leeway: Duration,
    ) : MunitySecretException(message, code)

    /** `now < nbf - leeway`. */
    class NotYetValid internal constructor(
        message: String,
        code: String,
        /** The secret's `nbf`. */
        val notBefore: Instant,
        /** The time of the check. */
        val now: Instant,
        /** The leeway in force. */
        val leeway: Duration,
    ) : MunitySecretException(message, code)
}
