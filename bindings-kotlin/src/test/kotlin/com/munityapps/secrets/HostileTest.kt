package com.munityapps.secrets

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration

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
                assertEquals(ClaimErrorReason.LONE_SURROGATE, claimError(claim, mint).reason, "$claim ${bad.map { it.code }}")
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
        assertEquals(ClaimErrorReason.TOO_LONG, claimError("customer_id") { signer.connectSecret(ConnectRequest(huge, WORKSPACE)) }.reason)
        assertEquals(ClaimErrorReason.TOO_LONG, claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, huge)) }.reason)
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
        assertEquals(ClaimErrorReason.INVALID_CHARACTER, claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "a\u0007")) }.reason)
        assertEquals(ClaimErrorReason.BLANK, claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "   ")) }.reason)
        assertEquals(ClaimErrorReason.EMPTY, claimError("name") { signer.connectSecret(ConnectRequest("c1", WORKSPACE, "")) }.reason)
        assertThrows<MunitySecretException.MalformedSecret> { verifier.verify("\u0000.\u0000.\u0000") }
        assertThrows<MunitySecretException.InvalidKey> { Verifier("") }
        assertThrows<MunitySecretException.InvalidKey> { Signer("\u0000") }
    }

    @Test
    fun extremeTimes() {
        val e = claimError("expires_in") { signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = Duration.INFINITE)) }
        assertEquals(ClaimErrorReason.OUT_OF_RANGE, e.reason)
        claimError("now") { signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(now = java.time.Instant.MIN)) }
        // An infinite leeway is a very large one, not an error.
        verifier.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE)), VerifyOptions(leeway = Duration.INFINITE))
        assertThrows<IllegalArgumentException> { VerifyOptions(leeway = -Duration.INFINITE) }
    }
}
