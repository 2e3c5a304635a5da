package com.munityapps.secrets

import java.time.Instant
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * How a secret is minted: when it expires, the clock, the key id.
 *
 * ```kotlin
 * MintOptions()                              // expires in one hour (the default), system clock
 * MintOptions(expiresIn = 10.minutes)        // exp = now + 600
 * MintOptions(expiresAt = Instant.parse("2026-12-01T00:00:00Z"))
 * MintOptions(expiresIn = null)              // no exp: never expires (an explicit choice)
 * ```
 *
 * Java: `MintOptions.builder().expiresIn(Duration.ofMinutes(10)).keyId("k1").build()`.
 *
 * Every value is checked by the core, never truncated or clamped: a lifetime must be whole seconds
 * from 1 s to 365 days (`500.milliseconds` is `InvalidClaim` on `expires_in`, reason `fractional`),
 * `expiresAt` a whole second after now and at most 365 days ahead, `now` a whole second from 1970 to 9999.
 * `expiresIn` and `expiresAt` are two constructors, so giving both does not compile.
 *
 * @property expiresIn the lifetime, `exp = now + expiresIn`; [DEFAULT_EXPIRES_IN] (one hour) by
 *   default; null with [expiresAt] null means no `exp`.
 * @property expiresAt an absolute `exp`, or null.
 * @property now the current time, for reproducible output in tests; the system clock when null.
 * @property keyId a key id written as the header's `kid`, for verifiers holding several keys.
 */
@ConsistentCopyVisibility
data class MintOptions private constructor(
    val expiresIn: Duration?,
    val expiresAt: Instant?,
    val now: Instant?,
    val keyId: String?,
) {
    /** Expires [expiresIn] after [now] (one hour by default), or never when [expiresIn] is null. */
    constructor(expiresIn: Duration? = DEFAULT_EXPIRES_IN, now: Instant? = null, keyId: String? = null) :
        this(expiresIn, null, now, keyId)

    /** Expires at [expiresAt]. */
    constructor(expiresAt: Instant, now: Instant? = null, keyId: String? = null) : this(null, expiresAt, now, keyId)

    /**
     * Builds [MintOptions] from Java types. [expiresIn], [expiresAt] and [noExpiry] each set the
     * expiry, replacing what was set before; one hour when none is called.
     */
    class Builder internal constructor() {
        private var expiresIn: Duration? = DEFAULT_EXPIRES_IN
        private var expiresAt: Instant? = null
        private var now: Instant? = null
        private var keyId: String? = null

        /** `exp = now + duration`: whole seconds, 1 s to 365 days. */
        fun expiresIn(duration: java.time.Duration): Builder = apply {
            expiresIn = duration.toKotlinDuration()
            expiresAt = null
        }

        /** `exp = instant`: a whole second after now, at most 365 days ahead. */
        fun expiresAt(instant: Instant): Builder = apply {
            expiresIn = null
            expiresAt = instant
        }

        /** No `exp`: the secret never expires. */
        fun noExpiry(): Builder = apply {
            expiresIn = null
            expiresAt = null
        }

        /** The current time (null: the system clock). */
        fun now(instant: Instant?): Builder = apply { now = instant }

        /** The header's `kid` (null: none). */
        fun keyId(id: String?): Builder = apply { keyId = id }

        fun build(): MintOptions = MintOptions(expiresIn, expiresAt, now, keyId)
    }

    /** Defaults and factories. */
    companion object {
        /** The lifetime when the caller says nothing: the core's, one hour. */
        val DEFAULT_EXPIRES_IN: Duration = MunitySecrets.DEFAULT_EXPIRES_IN.toKotlinDuration()

        /** A builder, for Java. */
        @JvmStatic
        fun builder(): Builder = Builder()

        /** The defaults: expires in one hour, system clock, no key id. */
        @JvmStatic
        fun defaults(): MintOptions = MintOptions()

        /** Expires [duration] from now (Java). */
        @JvmStatic
        fun expiringIn(duration: java.time.Duration): MintOptions = builder().expiresIn(duration).build()

        /** Expires at [instant]. */
        @JvmStatic
        fun expiringAt(instant: Instant): MintOptions = MintOptions(expiresAt = instant)

        /** Never expires (no `exp`). */
        @JvmStatic
        fun noExpiry(): MintOptions = MintOptions(expiresIn = null)
    }
}

/**
 * How a secret is verified.
 *
 * Java: `VerifyOptions.builder().expect(SecretKind.CONNECT).leeway(Duration.ofSeconds(5)).build()`.
 *
 * @property expect the kind the caller requires (a renew secret is then refused where a connect secret
 *   is expected, and the reverse, as `InvalidClaim` on `integration_id`, reason `wrong_kind`); any kind when null.
 * @property leeway clock tolerance for `exp` and `nbf`: whole seconds from 0 to the core's maximum
 *   ([MunitySecrets.MAX_LEEWAY], one hour); [DEFAULT_LEEWAY] (60 s) by default. Anything else, a
 *   negative leeway included, is `InvalidClaim` on `leeway`.
 * @property now the time of the check (a whole second); the system clock when null.
 */
data class VerifyOptions(
    val expect: SecretKind? = null,
    val leeway: Duration = DEFAULT_LEEWAY,
    val now: Instant? = null,
) {
    /** Builds [VerifyOptions] from Java types. */
    class Builder internal constructor() {
        private var expect: SecretKind? = null
        private var leeway: Duration = DEFAULT_LEEWAY
        private var now: Instant? = null

        /** The kind required (null: any). */
        fun expect(kind: SecretKind?): Builder = apply { expect = kind }

        /** The clock tolerance. */
        fun leeway(duration: java.time.Duration): Builder = apply { leeway = duration.toKotlinDuration() }

        /** The time of the check (null: the system clock). */
        fun now(instant: Instant?): Builder = apply { now = instant }

        fun build(): VerifyOptions = VerifyOptions(expect, leeway, now)
    }

    /** Defaults and factories. */
    companion object {
        /** The default clock tolerance: the core's, 60 seconds. */
        val DEFAULT_LEEWAY: Duration = MunitySecrets.DEFAULT_LEEWAY.toKotlinDuration()

        /** A builder, for Java. */
        @JvmStatic
        fun builder(): Builder = Builder()

        /** The defaults: any kind, 60 s leeway, system clock. */
        @JvmStatic
        fun defaults(): VerifyOptions = VerifyOptions()

        /** Requires [kind], with the other defaults. */
        @JvmStatic
        fun expecting(kind: SecretKind): VerifyOptions = VerifyOptions(expect = kind)
    }
}
