package com.munityapps.secrets

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.minutes

class ApiTest {
    @Test
    fun mintAndVerifyRoundTrip() {
        val now = Instant.ofEpochSecond(1_732_752_000)
        Signer(Repo.mainPrivate).use { signer ->
            signer.verifier().use { verifier ->
                val secret = signer.renewSecret(
                    RenewRequest("customer1234", WORKSPACE.uppercase(), INTEGRATION, "Ada"),
                    MintOptions(expiresIn = 10.minutes, now = now),
                )
                assertEquals(
                    VerifiedSecret(
                        kind = SecretKind.RENEW, customerId = "customer1234", workspaceId = WORKSPACE, name = "Ada",
                        integrationId = INTEGRATION, expiresAt = now.plusSeconds(600), issuedAt = null, notBefore = null,
                        keyId = null, fingerprint = signer.fingerprint,
                    ),
                    verifier.verify(secret, VerifyOptions(expect = SecretKind.RENEW, now = now)),
                )
                // The signer's own verifier holds its key without an id: a secret naming a kid is refused.
                val withKid = signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(keyId = "main-2026"))
                assertThrows<MunitySecretException.UnknownKey> { verifier.verify(withKid) }
            }
        }
    }

    @Test
    fun defaultsUseTheSystemClock() {
        Signer(Repo.mainPrivate).use { signer ->
            val secret = signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 10.minutes))
            val verified = Verifier(Repo.mainPublic).use { it.verify(secret) }
            val expected = Instant.now().plusSeconds(600).epochSecond
            assertTrue(verified.expiresAt!!.epochSecond in expected - 5..expected)
            assertNull(Verifier(Repo.mainPublic).use { it.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE))) }.expiresAt)
        }
    }

    @Test
    fun closeIsIdempotentAndUseAfterCloseIsAnIllegalState() {
        val signer = Signer(Repo.mainPrivate)
        signer.close()
        signer.close()
        assertThrows<IllegalStateException> { signer.connectSecret(ConnectRequest("c1", WORKSPACE)) }
        val verifier = Verifier(Repo.mainPublic)
        verifier.close()
        assertThrows<IllegalStateException> { verifier.verify("a.b.c") }
    }

    @Test
    fun droppedObjectsAreFreedByTheCleaner() {
        // Many signers dropped without close(): the Cleaner frees them; nothing accumulates.
        repeat(2000) { Signer(Repo.mainPrivate).fingerprint }
        System.gc()
    }

    @Test
    fun toStringShowsNoKeyMaterial() {
        Signer(Repo.mainPrivate).use { signer ->
            assertEquals("Signer(fingerprint=${signer.fingerprint})", signer.toString())
        }
        val pair = MunitySecrets.generateKeyPair()
        assertFalse(pair.toString().contains("PRIVATE"))
        Signer(pair.privateKeyPem).use { signer ->
            Verifier(pair.publicKeyPem).use { v -> assertEquals(listOf(signer.fingerprint), v.fingerprints) }
        }
        assertThrows<MunitySecretException.InvalidKey> { MunitySecrets.generateKeyPair(1024) }
    }

    @Test
    fun verifierWithRotation() {
        val jwks = Repo.key("TEST-ONLY-rotation-jwks.json")
        Verifier(jwks).use { v ->
            assertEquals(v.fingerprints.size, v.keyIds.size)
            assertTrue(v.keyIds.all { it != null })
        }
    }

    @Test
    fun mavenVersionEqualsTheWorkspaceVersionAndTheNativeLibrary() {
        val cargo = Files.readAllLines(Repo.root.resolve("Cargo.toml"))
        val start = cargo.indexOf("[workspace.package]")
        val workspaceVersion = cargo.drop(start + 1).takeWhile { !it.startsWith("[") }
            .first { it.startsWith("version") }.substringAfter('"').substringBefore('"')
        assertEquals(workspaceVersion, MunitySecrets.version)
        assertEquals(System.getProperty("munity.mavenVersion") ?: MunitySecrets.version, MunitySecrets.version)
        assertEquals(MunitySecrets.version, MunitySecrets.nativeVersion())
    }

    @Test
    fun fromEnv() {
        assertEquals(
            "INVALID_KEY/malformed",
            assertThrows<MunitySecretException.InvalidKey> { Signer.fromEnv("MUNITY_TEST_SURELY_UNSET_VARIABLE") }.code,
        )
        assertThrows<MunitySecretException.InvalidKey> { Verifier.fromEnv("MUNITY_TEST_SURELY_UNSET_VARIABLE") }
        // The JVM cannot set its own environment: a child JVM gets the keys, as a deployment would,
        // the certificate escaped on one line as env files often hold it.
        val java = Path(System.getProperty("java.home"), "bin", "java")
        val process = ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), FromEnvMain::class.java.name)
            .redirectErrorStream(true)
            .apply {
                environment()["MUNITY_CERTIFICATE"] = Repo.mainPrivate.trim().replace("\n", "\\n")
                environment()["MUNITY_PUBLIC_KEY"] = Repo.mainPublic
            }
            .start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(60, TimeUnit.SECONDS))
        assertEquals(0, process.exitValue(), output)
        Signer(Repo.mainPrivate).use { assertEquals("ok ${it.fingerprint}", output.trim().lines().last()) }
        assertNotEquals("", output)
    }
}

private fun Path(first: String, vararg more: String) = java.nio.file.Path.of(first, *more)

/** Run in a child JVM by [ApiTest.fromEnv]. */
object FromEnvMain {
    @JvmStatic
    fun main(args: Array<String>) {
        Signer.fromEnv().use { signer ->
            Verifier.fromEnv().use { verifier ->
                val verified = verifier.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE)))
                println("ok ${verified.fingerprint}")
            }
        }
    }
}
