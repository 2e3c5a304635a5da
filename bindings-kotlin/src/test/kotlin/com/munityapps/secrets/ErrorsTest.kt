package com.munityapps.secrets

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.time.Instant
import java.util.Base64
import kotlin.time.Duration.Companion.seconds

/** Every error kind reaches Kotlin as its own sealed subclass, with the core's code and text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsTest {
    private val signer = Signer(Repo.mainPrivate)
    private val verifier = Verifier(Repo.mainPublic)
    private val now: Instant = Instant.ofEpochSecond(1_732_752_000)

    @AfterAll
    fun close() {
        signer.close()
        verifier.close()
    }

    private fun b64(text: String) = Base64.getUrlEncoder().withoutPadding().encodeToString(text.toByteArray())

    /** Checks what every error must have: the code, the core's own text (no `field=value` dump). */
    private fun MunitySecretException.checkShape(code: String) {
        assertEquals(code, this.code)
        assertEquals(code.substringBefore('/'), kind)
        val text = message.orEmpty()
        assertTrue(text.isNotBlank())
        assertFalse(text.contains("kind=") || text.contains("code="), "a field dump, not the core's text")
    }

    @Test
    fun invalidKey() {
        val e = assertThrows<MunitySecretException.InvalidKey> { Signer(Repo.mainPublic) }
        e.checkShape("INVALID_KEY/not_private")
        assertEquals("not_private", e.reason)
        assertEquals(null, e.claim)
        val small = assertThrows<MunitySecretException.InvalidKey> { Signer(Repo.key("TEST-ONLY-rsa1024-private.pem")) }
        assertEquals("too_small", small.reason)
        val garbage = assertThrows<MunitySecretException.InvalidKey> { Verifier("not a key") }
        garbage.checkShape("INVALID_KEY/malformed")
        assertEquals("malformed", garbage.reason)
    }

    @Test
    fun invalidClaim() {
        val e = assertThrows<MunitySecretException.InvalidClaim> {
            signer.connectSecret(ConnectRequest("customer-1234", WORKSPACE))
        }
        e.checkShape("INVALID_CLAIM/customer_id")
        assertEquals("customer_id", e.claim)
        assertEquals("invalid_character", e.reason)
        val uuid = assertThrows<MunitySecretException.InvalidClaim> {
            signer.renewSecret(RenewRequest("c1", WORKSPACE, "{$INTEGRATION}"))
        }
        assertEquals("integration_id", uuid.claim)
        assertEquals("invalid_uuid", uuid.reason)
        val expires = assertThrows<MunitySecretException.InvalidClaim> {
            signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 0.seconds))
        }
        expires.checkShape("INVALID_CLAIM/expires_in")
        assertEquals("out_of_range", expires.reason)
        val nowBefore1970 = assertThrows<MunitySecretException.InvalidClaim> {
            signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 60.seconds, now = Instant.ofEpochSecond(-5)))
        }
        assertEquals("INVALID_CLAIM/now", nowBefore1970.code)
        val kind = assertThrows<MunitySecretException.InvalidClaim> {
            verifier.verify(signer.renewSecret(RenewRequest("c1", WORKSPACE, INTEGRATION)), VerifyOptions(expect = SecretKind.CONNECT))
        }
        assertEquals("wrong_kind", kind.reason)
        assertEquals("integration_id", kind.claim)
    }

    @Test
    fun malformedSecret() {
        for (bad in listOf("", "a.b", "a.b.c.d", "not a secret", "eyJ=.eyJ.sig")) {
            assertThrows<MunitySecretException.MalformedSecret> { verifier.verify(bad) }.checkShape("MALFORMED_SECRET")
        }
    }

    @Test
    fun unsupportedAlgorithm() {
        val secret = b64("""{"alg":"none","typ":"JWT"}""") + "." + b64("""{"customer_id":"c1"}""") + "."
        val e = assertThrows<MunitySecretException.UnsupportedAlgorithm> { verifier.verify(secret) }
        e.checkShape("UNSUPPORTED_ALGORITHM")
        assertEquals(null, e.claim)
        assertEquals(null, e.reason)
        assertTrue(e.algorithm.contains("none"))
    }

    @Test
    fun badSignature() {
        Signer(Repo.otherPrivate).use { other ->
            val secret = other.connectSecret(ConnectRequest("c1", WORKSPACE))
            assertThrows<MunitySecretException.BadSignature> { verifier.verify(secret) }.checkShape("BAD_SIGNATURE")
        }
    }

    @Test
    fun unknownKey() {
        val secret = signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(keyId = "nope"))
        val e = assertThrows<MunitySecretException.UnknownKey> { verifier.verify(secret) }
        e.checkShape("UNKNOWN_KEY")
        assertEquals("nope", e.keyId)
    }

    @Test
    fun expired() {
        val secret = signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 600.seconds, now = now))
        val late = now.plusSeconds(600 + 60)
        val e = assertThrows<MunitySecretException.Expired> { verifier.verify(secret, VerifyOptions(now = late)) }
        e.checkShape("EXPIRED")
        assertEquals(now.plusSeconds(600), e.expiresAt)
        assertEquals(late, e.now)
        assertEquals(java.time.Duration.ofSeconds(60), e.leeway)
        // Within the leeway it passes; with no leeway it fails.
        verifier.verify(secret, VerifyOptions(now = late.minusSeconds(1)))
        assertThrows<MunitySecretException.Expired> {
            verifier.verify(secret, VerifyOptions(now = now.plusSeconds(600), leeway = 0.seconds))
        }
    }

    @Test
    fun notYetValid() {
        // Our signer never writes nbf; a vector-style secret signed by a JVM peer carries one.
        val secret = Peers.nimbusSign(Repo.mainPrivate, mapOf("customer_id" to "c1", "workspace_id" to WORKSPACE, "nbf" to 2_000_000_000L))
        val e = assertThrows<MunitySecretException.NotYetValid> { verifier.verify(secret, VerifyOptions(now = now)) }
        e.checkShape("NOT_YET_VALID")
        assertEquals(Instant.ofEpochSecond(2_000_000_000), e.notBefore)
        assertEquals(now, e.now)
    }

    @Test
    fun whenOverTheHierarchyIsExhaustive() {
        val errors: List<MunitySecretException> = listOf(
            assertThrows { Verifier("x") },
            assertThrows { signer.connectSecret(ConnectRequest("", WORKSPACE)) },
            assertThrows { verifier.verify("x") },
        )
        val codes = errors.map { e ->
            // No else branch: adding a subclass would not compile here.
            when (e) {
                is MunitySecretException.InvalidKey -> e.reason
                is MunitySecretException.InvalidClaim -> e.claim
                is MunitySecretException.MalformedSecret -> "malformed"
                is MunitySecretException.UnsupportedAlgorithm -> e.algorithm
                is MunitySecretException.BadSignature -> "bad"
                is MunitySecretException.UnknownKey -> e.keyId
                is MunitySecretException.Expired -> e.expiresAt.toString()
                is MunitySecretException.NotYetValid -> e.notBefore.toString()
            }
        }
        assertEquals(listOf("malformed", "customer_id", "malformed"), codes)
        // All are RuntimeExceptions: Kotlin callers need no throws clauses.
        errors.forEach { assertTrue(it is RuntimeException) }
    }

}
