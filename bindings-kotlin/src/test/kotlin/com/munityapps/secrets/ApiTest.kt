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
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

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
    fun defaultsUseTheSystemClockAndExpireInOneHour() {
        Signer(Repo.mainPrivate).use { signer ->
            Verifier(Repo.mainPublic).use { verifier ->
                val before = Instant.now().epochSecond
                val tenMinutes = verifier.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 10.minutes)))
                val byDefault = verifier.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE)))
                val after = Instant.now().epochSecond
                assertTrue(tenMinutes.expiresAt!!.epochSecond in before + 600..after + 600)
                assertTrue(byDefault.expiresAt!!.epochSecond in before + 3600..after + 3600)
                assertEquals(1.hours, MintOptions().expiresIn)
                assertEquals(MintOptions.DEFAULT_EXPIRES_IN, MunitySecrets.DEFAULT_EXPIRES_IN.toKotlinDuration())
                // No expiry is an explicit choice.
                assertNull(verifier.verify(signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = null))).expiresAt)
            }
        }
    }

    @Test
    fun expiresAtIsAnAbsoluteExp() {
        val now = Instant.ofEpochSecond(1_732_752_000)
        Signer(Repo.mainPrivate).use { signer ->
            val options = MintOptions(expiresAt = now.plusSeconds(900), now = now)
            assertEquals(null, options.expiresIn)
            val secret = signer.connectSecret(ConnectRequest("c1", WORKSPACE), options)
            // The same bytes as the equivalent relative expiry.
            assertEquals(signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresIn = 900.seconds, now = now)), secret)
            val past = assertThrows<MunitySecretException.InvalidClaim> {
                signer.connectSecret(ConnectRequest("c1", WORKSPACE), MintOptions(expiresAt = now, now = now))
            }
            assertEquals("expires_at", past.claim)
        }
    }

    @Test
    fun boundSigner() {
        Signer(Repo.mainPrivate, WORKSPACE.uppercase()).use { signer ->
            assertEquals(WORKSPACE, signer.workspaceId)
            assertEquals("Signer(fingerprint=${signer.fingerprint}, workspaceId=$WORKSPACE)", signer.toString())
            val now = Instant.ofEpochSecond(1_732_752_000)
            val options = MintOptions(now = now)
            val verified = signer.verifier().use {
                it.verify(signer.renewSecret(RenewRequest("c1", integrationId = INTEGRATION), options), VerifyOptions(now = now))
            }
            assertEquals(WORKSPACE, verified.workspaceId)
            assertEquals(INTEGRATION, verified.integrationId)
            // Naming the bound workspace is fine (any case); another is refused.
            Signer(Repo.mainPrivate).use { unbound ->
                assertEquals(
                    unbound.connectSecret(ConnectRequest("c1", WORKSPACE), options),
                    signer.connectSecret(ConnectRequest("c1", WORKSPACE.uppercase()), options),
                )
                assertNull(unbound.workspaceId)
                val missing = assertThrows<MunitySecretException.InvalidClaim> { unbound.connectSecret(ConnectRequest("c1")) }
                assertEquals("workspace_id" to "missing", missing.claim to missing.reason)
            }
            val other = assertThrows<MunitySecretException.InvalidClaim> {
                signer.connectSecret(ConnectRequest("c1", "00000000-0000-0000-0000-000000000000"))
            }
            assertEquals("INVALID_CLAIM/workspace_id" to "other_workspace", other.code to other.reason)
        }
        val notUuid = assertThrows<MunitySecretException.InvalidClaim> { Signer(Repo.mainPrivate, "nope") }
        assertEquals("workspace_id" to "invalid_uuid", notUuid.claim to notUuid.reason)
    }

    @Test
    fun oneCallFunctions() {
        val now = Instant.ofEpochSecond(1_732_752_000)
        val options = MintOptions(expiresIn = 5.minutes, now = now)
        Signer(Repo.mainPrivate).use { signer ->
            val connect = MunitySecrets.connectSecret(Repo.mainPrivate, ConnectRequest("c1", WORKSPACE, "Ada"), options)
            assertEquals(signer.connectSecret(ConnectRequest("c1", WORKSPACE, "Ada"), options), connect)
            val renew = MunitySecrets.renewSecret(Repo.mainPrivate, RenewRequest("c1", WORKSPACE, INTEGRATION), options)
            assertEquals(signer.renewSecret(RenewRequest("c1", WORKSPACE, INTEGRATION), options), renew)
            val verified = MunitySecrets.verifySecret(Repo.mainPublic, renew, VerifyOptions(expect = SecretKind.RENEW, now = now))
            assertEquals(SecretKind.RENEW, verified.kind)
            assertEquals(signer.fingerprint, verified.fingerprint)
        }
        assertThrows<MunitySecretException.InvalidKey> { MunitySecrets.connectSecret(Repo.mainPublic, ConnectRequest("c1", WORKSPACE)) }
        assertThrows<MunitySecretException.BadSignature> {
            MunitySecrets.verifySecret(Repo.key("TEST-ONLY-other-public-spki.pem"), MunitySecrets.connectSecret(Repo.mainPrivate, ConnectRequest("c1", WORKSPACE)))
        }
    }

    @Test
    fun defaultConstantsAreTheCores() {
        assertEquals("MUNITY_CERTIFICATE", MunitySecrets.CERTIFICATE_ENV)
        assertEquals("MUNITY_WORKSPACE_ID", MunitySecrets.WORKSPACE_ID_ENV)
        assertEquals("MUNITY_PUBLIC_KEY", MunitySecrets.PUBLIC_KEY_ENV)
        assertEquals(java.time.Duration.ofSeconds(3600), MunitySecrets.DEFAULT_EXPIRES_IN)
        assertEquals(java.time.Duration.ofSeconds(31_536_000), MunitySecrets.MAX_EXPIRES_IN)
        assertEquals(java.time.Duration.ofSeconds(60), MunitySecrets.DEFAULT_LEEWAY)
        assertEquals(60.seconds, VerifyOptions.DEFAULT_LEEWAY)
        assertEquals(2048, MunitySecrets.DEFAULT_KEY_BITS)
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), MunitySecrets.MAX_NUMERIC_DATE)
        assertTrue(MunitySecrets.MAX_LEEWAY >= MunitySecrets.DEFAULT_LEEWAY)
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
            assertEquals("Signer(fingerprint=${signer.fingerprint}, workspaceId=null)", signer.toString())
        }
        val pair = MunitySecrets.generateKeyPair()
        assertFalse(pair.toString().contains("PRIVATE"))
        Signer(pair.privateKeyPem).use { signer ->
            Verifier(pair.publicKeyPem).use { v -> assertEquals(listOf(signer.fingerprint), v.fingerprints) }
        }
        assertThrows<MunitySecretException.InvalidKey> { MunitySecrets.generateKeyPair(1024) }
    }

    @Test
    fun verifierFromSeveralTextsAndFromJwks() {
        Verifier(Repo.key("TEST-ONLY-rotation-jwks.json")).use { v ->
            assertEquals(v.fingerprints.size, v.keyIds.size)
            assertTrue(v.keyIds.all { it != null })
            Verifier.fromJwks(Repo.key("TEST-ONLY-rotation-jwks.json")).use { j ->
                assertEquals(v.fingerprints, j.fingerprints)
                assertEquals(v.keyIds, j.keyIds)
            }
        }
        Signer(Repo.otherPrivate).use { other ->
            Verifier(listOf(Repo.mainPublic, Repo.key("TEST-ONLY-other-public-spki.pem"))).use { both ->
                assertEquals(listOf(Repo.mainPublic, Repo.key("TEST-ONLY-other-public-spki.pem")).map { Verifier(it).use { v -> v.fingerprints.single() } }, both.fingerprints)
                assertEquals(listOf(null, null), both.keyIds)
                assertEquals(other.fingerprint, both.verify(other.connectSecret(ConnectRequest("c1", WORKSPACE))).fingerprint)
            }
        }
        assertEquals("no_key", assertThrows<MunitySecretException.InvalidKey> { Verifier(emptyList<String>()) }.reason)
        // Key ids stay unique across texts.
        val jwks = Repo.key("TEST-ONLY-rotation-jwks.json")
        assertEquals("duplicate_key_id", assertThrows<MunitySecretException.InvalidKey> { Verifier(listOf(jwks, jwks)) }.reason)
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
            "INVALID_KEY/no_key",
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
                environment()["MUNITY_WORKSPACE_ID"] = WORKSPACE
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
                // Bound to MUNITY_WORKSPACE_ID: the call names the customer only.
                val verified = verifier.verify(signer.connectSecret(ConnectRequest("c1")))
                check(verified.workspaceId == WORKSPACE && signer.workspaceId == WORKSPACE)
                // Without the workspace variable, the same certificate is unbound.
                Signer.fromEnv(workspaceIdVariable = null).use { check(it.workspaceId == null) }
                println("ok ${verified.fingerprint}")
            }
        }
    }
}
