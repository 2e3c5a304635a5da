package com.munityapps.secrets

import java.time.Duration
import java.time.Instant

/**
 * Everything that can go wrong minting or verifying a secret: one sealed hierarchy with the kinds of
 * the spec, so a `when` over it is exhaustive. All are unchecked ([RuntimeException]).
 *
 * The fields every binding shares, with the same values (docs/errors.md):
 * - [code]: the language-neutral code, `INVALID_CLAIM/customer_id`, `INVALID_KEY/too_small`, `EXPIRED`;
 * - [kind]: the kind alone, `INVALID_CLAIM`, `INVALID_KEY`, `EXPIRED`, ...;
 * - [claim]: the claim or option named by an [InvalidClaim] (`customer_id`, `expires_in`, `leeway`), else null;
 * - [reason]: the reason code of an [InvalidKey] or [InvalidClaim] (`too_small`, `fractional`,
 *   `other_workspace`), else null.
 *
 * [message] is the core's own text, written for a person ("expired 42 s ago (exp 1732752000, leeway
 * 60 s)"); it never holds key material. Branch on the class, [code], [claim] or [reason], never on the message.
 */
sealed class MunitySecretException(
    message: String,
    /** `KIND` or `KIND/detail`: `INVALID_KEY/<reason>`, `INVALID_CLAIM/<claim>`, `MALFORMED_SECRET`, ... */
    val code: String,
    /** `INVALID_KEY`, `INVALID_CLAIM`, `MALFORMED_SECRET`, `UNSUPPORTED_ALGORITHM`, `BAD_SIGNATURE`, `UNKNOWN_KEY`, `EXPIRED`, `NOT_YET_VALID`. */
    val kind: String,
) : RuntimeException(message) {

    /** The claim or option an [InvalidClaim] names; null for every other kind. */
    open val claim: String? get() = null

    /** The reason code of an [InvalidKey] or [InvalidClaim]; null for every other kind. */
    open val reason: String? get() = null

    /** A key that cannot be used: malformed, encrypted, not RSA, too small, a public key where a private one is needed, ... */
    class InvalidKey internal constructor(
        message: String,
        code: String,
        kind: String,
        /** `malformed`, `encrypted`, `not_rsa`, `too_small`, `too_large`, `not_private`, `multiple_keys`, `rejected`, `no_key`, `duplicate_key_id`. */
        override val reason: String,
    ) : MunitySecretException(message, code, kind)

    /** A claim, or a value of an option (`expires_in`, `expires_at`, `now`, `leeway`, `kid`), that breaks its rule. */
    class InvalidClaim internal constructor(
        message: String,
        code: String,
        kind: String,
        /** The claim's name on the wire (`customer_id`, `exp`, ...) or the option's (`expires_in`, `leeway`, ...). */
        override val claim: String,
        /** Which rule it broke: `missing`, `invalid_character`, `out_of_range`, `fractional`, `other_workspace`, ... */
        override val reason: String,
    ) : MunitySecretException(message, code, kind)

    /** A string that is not a well-formed secret: size, parts, base64url, JSON, header members. */
    class MalformedSecret internal constructor(message: String, code: String, kind: String) :
        MunitySecretException(message, code, kind)

    /** A header `alg` other than `RS256` (`none` included), refused before any key is touched. */
    class UnsupportedAlgorithm internal constructor(
        message: String,
        code: String,
        kind: String,
        /** The `alg` found, as JSON text, cut to a few characters. */
        val algorithm: String,
    ) : MunitySecretException(message, code, kind)

    /** The signature does not match under any key that could be used. */
    class BadSignature internal constructor(message: String, code: String, kind: String) :
        MunitySecretException(message, code, kind)

    /** The secret names a `kid` that no key of the verifier has. */
    class UnknownKey internal constructor(
        message: String,
        code: String,
        kind: String,
        /** The `kid` of the secret, cut to a few characters. */
        val keyId: String,
    ) : MunitySecretException(message, code, kind)

    /** `now >= exp + leeway`. */
    class Expired internal constructor(
        message: String,
        code: String,
        kind: String,
        /** The secret's `exp`. */
        val expiresAt: Instant,
        /** The time of the check. */
        val now: Instant,
        /** The leeway in force (whole seconds). */
        val leeway: Duration,
    ) : MunitySecretException(message, code, kind)

    /** `now < nbf - leeway`. */
    class NotYetValid internal constructor(
        message: String,
        code: String,
        kind: String,
        /** The secret's `nbf`. */
        val notBefore: Instant,
        /** The time of the check. */
        val now: Instant,
        /** The leeway in force (whole seconds). */
        val leeway: Duration,
    ) : MunitySecretException(message, code, kind)
}
