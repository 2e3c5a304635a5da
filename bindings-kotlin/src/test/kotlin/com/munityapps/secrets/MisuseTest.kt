package com.munityapps.secrets

import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyFactory
import java.security.interfaces.RSAPublicKey
import java.security.spec.X509EncodedKeySpec
import java.time.Instant
import java.util.Base64
import java.util.concurrent.TimeUnit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/**
 * Runs every case of tests/vectors/misuse.json (options, environment, key text) through the public
 * Kotlin API and fails if a case id went unused. Numbers become the host types a Kotlin caller passes:
 * `kotlin.time.Duration` (fractions as nanoseconds) and `java.time.Instant`.
 */
class MisuseTest {
    private val mapper = ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
    private val misuse: JsonNode = mapper.readTree(Files.readString(Repo.vectors.resolve("misuse.json")))
    private val ran = mutableSetOf<String>()

    private fun JsonNode.str(field: String): String? = get(field)?.takeUnless { it.isNull }?.asText()

    /** `{"text": ...}` or `{"key": name, "transform": ...}`. */
    private fun text(node: JsonNode): String = node.str("text")
        ?: transform(Files.readString(Repo.vectors.resolve(misuse["keys"][node["key"].asText()]["file"].asText())), node.str("transform"))

    /** A number of seconds as a JSON number or "NaN" / "Infinity" / "-Infinity". */
    private fun number(node: JsonNode): BigDecimal? = if (node.isNumber) node.decimalValue() else null

    /**
     * Seconds as a Kotlin Duration, or null when Duration cannot hold the value at all (NaN, which
     * `Double.seconds` refuses with IllegalArgumentException: checked here). An infinity, or a value
     * beyond Duration's finite range (which saturates to infinite), is Duration.INFINITE.
     */
    private fun duration(node: JsonNode): Duration? {
        val value = number(node) ?: return when (node.asText()) {
            "NaN" -> {
                assertThrows<IllegalArgumentException> { Double.NaN.seconds }
                null
            }
            "Infinity" -> Duration.INFINITE
            "-Infinity" -> -Duration.INFINITE
            else -> error("number ${node.asText()}")
        }
        val whole = value.setScale(0, java.math.RoundingMode.FLOOR)
        return if (whole.abs() > BigDecimal(Long.MAX_VALUE / 1000)) {
            // Beyond Duration's finite range: Kotlin saturates it to infinite.
            value.toDouble().seconds.also { assertTrue(it.isInfinite()) }
        } else {
            val nanos = value.subtract(whole).movePointRight(9).toInt()
            java.time.Duration.ofSeconds(whole.toLong(), nanos.toLong()).toKotlinDuration()
        }
    }

    /** Seconds since the epoch as an Instant (fractions as nanoseconds). */
    private fun instant(node: JsonNode): Instant {
        val value = number(node) ?: error("an instant is a number: ${node.asText()}")
        val whole = value.setScale(0, java.math.RoundingMode.FLOOR)
        return Instant.ofEpochSecond(whole.longValueExact(), value.subtract(whole).movePointRight(9).toLong())
    }

    private fun expectError(case: JsonNode, block: () -> Unit) {
        val e = assertThrows<MunitySecretException>(block)
        assertEquals(case["error"].asText(), e.code, "code")
        assertEquals(case["kind"].asText(), e.kind, "kind")
        assertEquals(case.str("claim"), e.claim, "claim")
        assertEquals(case.str("reason"), e.reason, "reason")
    }

    /** Runs [call] and checks its result or its error; a case whose value Kotlin cannot hold has run by then. */
    private fun outcome(case: JsonNode, call: () -> Map<String, Any?>) {
        if (case["result"].asText() == "valid") {
            val actual = call()
            for ((field, expected) in case["expected"].properties()) {
                assertEquals(expected.toString(), mapper.valueToTree<JsonNode>(actual[field]).toString(), field)
            }
        } else {
            expectError(case) { call() }
        }
    }

    private fun runMint(case: JsonNode) {
        val o = case["options"] ?: mapper.createObjectNode()
        val now = o["now"]?.let(::instant)
        val keyId = o.str("key_id")
        val options = when {
            o.has("expires_at") -> MintOptions(expiresAt = instant(o["expires_at"]), now = now, keyId = keyId)
            o.has("expires_in") -> MintOptions(expiresIn = duration(o["expires_in"]) ?: return, now = now, keyId = keyId)
            o["no_expiry"]?.asBoolean() == true -> MintOptions(expiresIn = null, now = now, keyId = keyId)
            else -> MintOptions(now = now, keyId = keyId)
        }
        val request = case["request"]
        Signer(text(case["signer"]), case["signer"].str("workspace_id")).use { signer ->
            outcome(case) {
                val customer = request["customer_id"].asText()
                val secret = when (val integration = request.str("integration_id")) {
                    null -> signer.connectSecret(ConnectRequest(customer, request.str("workspace_id"), request.str("name")), options)
                    else -> signer.renewSecret(RenewRequest(customer, request.str("workspace_id"), integration, request.str("name")), options)
                }
                val verified = signer.verifier().use { it.verify(secret, VerifyOptions(now = now)) }
                mapOf("secret" to secret, "kind" to verified.kind.wireName, "expires_at" to verified.expiresAt?.epochSecond)
            }
        }
    }

    private fun runVerify(case: JsonNode) {
        val o = case["options"]
        val options = VerifyOptions(
            expect = o.str("expect")?.let { wire -> SecretKind.entries.single { it.wireName == wire } },
            leeway = o["leeway"]?.let { duration(it) ?: return } ?: VerifyOptions.DEFAULT_LEEWAY,
            now = o["now"]?.let(::instant),
        )
        val texts = case["verifier"]["keys"].map { text(mapper.createObjectNode().put("key", it.asText())) }
        Verifier(texts).use { verifier ->
            outcome(case) { mapOf("expires_at" to verifier.verify(case["secret"].asText(), options).expiresAt?.epochSecond) }
        }
    }

    private fun keys(verifier: Verifier) = mapOf("fingerprints" to verifier.fingerprints, "key_ids" to verifier.keyIds)

    private fun runEnv(case: JsonNode) {
        // The JVM cannot change its own environment: a child JVM runs the call with the case's variables.
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val builder = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MisuseEnvMain::class.java.name, case["entry"].asText())
        val env = builder.environment()
        for (name in misuse["environment_variables"]) env.remove(name.asText())
        for ((name, value) in case["env"].properties()) {
            when {
                value.isNull -> env.remove(name)
                value.isTextual -> env[name] = value.asText()
                else -> env[name] = text(value)
            }
        }
        val process = builder.redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(120, TimeUnit.SECONDS))
        assertEquals(0, process.exitValue(), output)
        val result = mapper.readTree(output.trim().lines().last())
        if (case["result"].asText() == "valid") {
            for ((field, expected) in case["expected"].properties()) assertEquals(expected, result[field], field)
        } else {
            for (field in listOf("error", "kind", "claim", "reason")) {
                assertEquals(case[field], result[if (field == "error") "code" else field], field)
            }
        }
    }

    private fun run(case: JsonNode) = when (val entry = case["entry"].asText()) {
        "mint" -> runMint(case)
        "verify" -> runVerify(case)
        "signer" -> outcome(case) {
            Signer(text(case["key_text"]), case.str("workspace_id")).use { mapOf("fingerprint" to it.fingerprint, "workspace_id" to it.workspaceId) }
        }
        "verifier" -> outcome(case) { Verifier(text(case["key_text"])).use(::keys) }
        "verifier_from_texts" -> outcome(case) { Verifier(case["key_texts"].map(::text)).use(::keys) }
        "signer_from_env", "verifier_from_env" -> runEnv(case)
        "generate_key_pair" -> outcome(case) {
            val pair = MunitySecrets.generateKeyPair(case["bits"].asInt())
            val der = Base64.getMimeDecoder().decode(pair.publicKeyPem.lines().filterNot { it.startsWith("-----") }.joinToString(""))
            val public = KeyFactory.getInstance("RSA").generatePublic(X509EncodedKeySpec(der)) as RSAPublicKey
            mapOf("bits" to public.modulus.bitLength())
        }
        else -> error("unknown entry $entry")
    }

    @TestFactory
    fun misuse(): List<DynamicTest> {
        assertEquals("munity-secrets-misuse/1", misuse["schema"].asText())
        val ids = misuse["cases"].map { it["id"].asText() }
        val tests = misuse["cases"].map { case ->
            dynamicTest("${case["entry"].asText()}/${case["id"].asText()}") {
                run(case)
                ran += case["id"].asText()
            }
        }
        return tests + dynamicTest("every case id ran") {
            assertTrue(ids.size >= 70, "too few cases: ${ids.size}")
            assertEquals(ids.size, ids.toSet().size, "duplicate ids")
            val unused = ids.toSet() - ran
            assertTrue(unused.isEmpty(), "cases that did not run or failed: $unused")
        }
    }
}

/** Run in a child JVM by [MisuseTest]: `Signer.fromEnv()` or `Verifier.fromEnv()`, the result as one JSON line. */
object MisuseEnvMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val result: Map<String, Any?> = try {
            when (args[0]) {
                "signer_from_env" -> Signer.fromEnv().use { mapOf("fingerprint" to it.fingerprint, "workspace_id" to it.workspaceId) }
                else -> Verifier.fromEnv().use { mapOf("fingerprints" to it.fingerprints, "key_ids" to it.keyIds) }
            }
        } catch (e: MunitySecretException) {
            mapOf("code" to e.code, "kind" to e.kind, "claim" to e.claim, "reason" to e.reason)
        }
        println(ObjectMapper().writeValueAsString(result))
    }
}
