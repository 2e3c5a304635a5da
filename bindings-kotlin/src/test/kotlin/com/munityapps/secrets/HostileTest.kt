package com.munityapps.secrets

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/** Hostile input of every kind gives the right exception class, never a crash or a foreign exception. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTest {
    private val signer = Signer(Repo.mainPrivate)
    private val verifier = Verifier(Repo.mainPublic)
    private val lone = listOf("\uD800", "a\uDC00b", "x\uDBFF", "\uDE00\uD83D")

    @AfterAll
    fun close() {
        signer.close()
        verifier.close()
    }

    private fun claimError(claim: String, block: () -> Unit): MunitySecretException.InvalidClaim {
        val e = assertThrows<MunitySecretException.InvalidClaim>(block)
        assertEquals(claim, e.claim)
        assertEquals("INVALID_CLAIM/$claim", e.code)
        return e
    }

    @Test
    fun loneSurrogatesInClaimsAreInvalidClaims() {
        for (bad in lone) {
            for ((claim, mint) in listOf<Pair<String, () -> Unit>>(
                "customer_id" to { signer.connectSecret(ConnectRequest(bad, WORKSPACE)) },
                "workspace_id" to { signer.connectSecret(ConnectRequest("c1", bad)) },
                "name" to { signer.connectSecret(ConnectRequest("c1", WORKSPACE, bad)) },
                "integration_id" to { signer.renewSecret(RenewRequest("c1", WORKSPACE, bad)) },
                "kid" to { signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(keyId = bad)) },
            )) {
                assertEquals("lone_surrogate", claimError(claim, mint).reason, "$claim ${bad.map { it.code }}")
            }
        }
        // A proper pair is fine.
        signer.connectSecret(ConnectRequest("c1", WORKSPACE, "\uD83D\uDE00"))
    }

    @Test
    fun loneSurrogatesInSecretsAndKeys() {
        val good = signer.connectSecret(ConnectRequest("c1", WORKSPACE))
        for (bad in lone) {
            assertThrows<MunitySecretException.MalformedSecret> { verifier.verify(good.dropLast(2) + bad) }
            assertThrows<MunitySecretException.MalformedSecret> { verifier.verify(bad) }
            assertThrows<MunitySecretException.InvalidKey> { Signer(Repo.mainPrivate.replace("MII", "MI$bad")) }
            assertThrows<MunitySecretException.InvalidKey> { Verifier(Repo.mainPublic.replace("MII", "MI$bad")) }
        }
    }

    @Test
    fun hugeStrings() {
        val huge = "a".repeat(5_000_000)
        assertEquals("too_long", claimError("customer_id") { signer.connectSecret(ConnectRequest(huge, WORKSPACE)) }.reason)
        assertEquals("too_long", claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, huge)) }.reason)
        claimError("workspace_id") { signer.connectSecret(ConnectRequest("c1", huge)) }
        claimError("kid") { signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(keyId = huge)) }
        assertThrows<MunitySecretException.MalformedSecret> { verifier.verify(huge) }
        assertThrows<MunitySecretException.MalformedSecret> { verifier.verify("$huge.$huge.$huge") }
        assertThrows<MunitySecretException.InvalidKey> { Signer(huge) }
        assertThrows<MunitySecretException.InvalidKey> { Verifier(huge) }
    }

    @Test
    fun controlCharactersAndOddText() {
        claimError("customer_id") { signer.connectSecret(ConnectRequest("c\u0000", WORKSPACE)) }
        assertEquals("invalid_character", claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "a\u0007")) }.reason)
        assertEquals("blank", claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "   ")) }.reason)
        assertEquals("empty", claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "")) }.reason)
        assertThrows<MunitySecretException.MalformedSecret> { verifier.verify("\u0000.\u0000.\u0000") }
        assertThrows<MunitySecretException.InvalidKey> { Verifier("") }
        assertThrows<MunitySecretException.InvalidKey> { Signer("\u0000") }
    }

    @Test
    fun extremeTimes() {
        val request = ConnectRequest("c1", WORKSPACE)
        val infinite = claimError("expires_in") { signer.connectSecret(request, MintOptions(expiresIn = Duration.INFINITE)) }
        assertEquals("out_of_range", infinite.reason)
        assertEquals("out_of_range", claimError("now") { signer.connectSecret(request, MintOptions(now = Instant.MIN)) }.reason)
        val last = Instant.ofEpochSecond(Instant.MAX.epochSecond) // Instant.MAX itself has 999,999,999 ns: "fractional"
        assertEquals("out_of_range", claimError("now") { signer.connectSecret(request, MintOptions(now = last)) }.reason)
        assertEquals("out_of_range", claimError("expires_at") { signer.connectSecret(request, MintOptions(expiresAt = last)) }.reason)
        assertEquals("fractional", claimError("now") { signer.connectSecret(request, MintOptions(now = Instant.MAX)) }.reason)
        // Leeway: the core's range, both ends; never an IllegalArgumentException, never clamped.
        val secret = signer.connectSecret(request)
        assertEquals("out_of_range", claimError("leeway") { verifier.verify(secret, VerifyOptions(leeway = Duration.INFINITE)) }.reason)
        assertEquals("out_of_range", claimError("leeway") { verifier.verify(secret, VerifyOptions(leeway = -Duration.INFINITE)) }.reason)
        assertEquals("out_of_range", claimError("leeway") { verifier.verify(secret, VerifyOptions(leeway = (-1).seconds)) }.reason)
        assertEquals("out_of_range", claimError("leeway") { verifier.verify(secret, VerifyOptions(leeway = MunitySecrets.MAX_LEEWAY.toKotlinDuration() + 1.seconds)) }.reason)
        verifier.verify(secret, VerifyOptions(leeway = MunitySecrets.MAX_LEEWAY.toKotlinDuration()))
        verifier.verify(secret, VerifyOptions(leeway = Duration.ZERO))
    }

    @Test
    fun fractionsOfASecondAreTheCoresFractionalNeverTruncated() {
        val request = ConnectRequest("c1", WORKSPACE)
        for ((option, mint) in listOf<Pair<String, () -> Unit>>(
            "expires_in" to { signer.connectSecret(request, MintOptions(expiresIn = 500.milliseconds)) },
            "expires_in" to { signer.connectSecret(request, MintOptions(expiresIn = 600.seconds + 1.nanoseconds)) },
            "expires_in" to { signer.connectSecret(request, MintOptions(expiresIn = (-500).milliseconds)) },
            "expires_at" to { signer.connectSecret(request, MintOptions(expiresAt = Instant.now().plusSeconds(60).plusMillis(1))) },
            "now" to { signer.connectSecret(request, MintOptions(now = Instant.ofEpochSecond(1_732_752_000, 1))) },
        )) {
            assertEquals("fractional", claimError(option, mint).reason, option)
        }
        val secret = signer.connectSecret(request)
        assertEquals("fractional", claimError("leeway") { verifier.verify(secret, VerifyOptions(leeway = 1500.milliseconds)) }.reason)
        assertEquals("fractional", claimError("now") { verifier.verify(secret, VerifyOptions(now = Instant.ofEpochSecond(Instant.now().epochSecond, 1))) }.reason)
    }
}
