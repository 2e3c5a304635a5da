package com.munityapps.secrets

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.time.Instant
import kotlin.random.Random
import kotlin.time.Duration.Companion.minutes

/** nimbus-jose-jwt and jjwt as oracles: they verify our secrets with the public key, and we verify theirs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeersTest {
    private val signer = Signer(Repo.mainPrivate)
    private val verifier = Verifier(Repo.mainPublic)
    private val random = Random(20261128)

    @AfterAll
    fun close() {
        signer.close()
        verifier.close()
    }

    private fun randomCustomer(): String {
        val alphabet = ('a'..'z') + ('A'..'Z') + ('0'..'9')
        return (1..random.nextInt(1, 40)).map { alphabet.random(random) }.joinToString("")
    }

    private fun randomName(): String? = when (random.nextInt(4)) {
        0 -> null
        1 -> "Customer ${random.nextInt()}"
        2 -> "naïve \"quoted\" \\ / é 中文 😀 ${random.nextInt(1000)}"
        else -> buildString {
            append('x')
            repeat(random.nextInt(1, 30)) { appendCodePoint(random.nextInt(0x20, 0x2FFF).takeUnless { it in 0x7F..0x9F } ?: 0x41) }
        }
    }

    private fun randomUuid() = java.util.UUID(random.nextLong(), random.nextLong()).toString()

    @Test
    fun peersVerifyOurSecrets() {
        val future = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        repeat(200) { i ->
            val customer = randomCustomer()
            val name = randomName()
            val renew = i % 2 == 1
            val integration = randomUuid()
            val options = MintOptions(expiresIn = 10.minutes, now = future)
            val secret = if (renew) {
                signer.renewSecret(RenewRequest(customer, WORKSPACE, integration, name), options)
            } else {
                signer.connectSecret(ConnectRequest(customer, WORKSPACE, name), options)
            }
            val nimbus = Peers.nimbusVerify(Repo.mainPrivate, secret)
            assertNotNull(nimbus, "nimbus refused $secret")
            nimbus!!
            assertEquals(customer, nimbus["customer_id"])
            assertEquals(name, nimbus["name"])
            assertEquals(if (renew) integration else null, nimbus["integration_id"])
            assertEquals(future.epochSecond + 600, (nimbus["exp"] as Number).toLong())
            val jjwt = Peers.jjwtVerify(Repo.mainPrivate, secret)
            assertEquals(customer, jjwt["customer_id"])
            assertEquals(name, jjwt["name"])
        }
    }

    @Test
    fun weVerifyPeersSecrets() {
        repeat(200) { i ->
            val claims = linkedMapOf<String, Any>("customer_id" to randomCustomer(), "workspace_id" to randomUuid())
            randomName()?.let { claims["name"] = it }
            if (i % 3 == 0) claims["integration_id"] = randomUuid()
            claims["exp"] = Instant.now().epochSecond + 600
            val secret = if (i % 2 == 0) Peers.nimbusSign(Repo.mainPrivate, claims) else Peers.jjwtSign(Repo.mainPrivate, claims)
            val verified = verifier.verify(secret)
            assertEquals(claims["customer_id"], verified.customerId)
            assertEquals(claims["workspace_id"], verified.workspaceId)
            assertEquals(claims["name"], verified.name)
            assertEquals(claims["integration_id"], verified.integrationId)
            assertEquals(if ("integration_id" in claims) SecretKind.RENEW else SecretKind.CONNECT, verified.kind)
            assertEquals(Instant.ofEpochSecond(claims["exp"] as Long), verified.expiresAt)
            assertEquals(signer.fingerprint, verified.fingerprint)
        }
    }

    @Test
    fun nimbusAgreesOnTheFingerprint() {
        // RFC 7638 thumbprint computed by nimbus.
        assertEquals(Peers.rsaKey(Repo.mainPrivate).computeThumbprint("SHA-256").toString(), signer.fingerprint)
    }
}
