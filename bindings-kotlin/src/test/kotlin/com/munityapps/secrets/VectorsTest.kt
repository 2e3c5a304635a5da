package com.munityapps.secrets

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.JsonNodeFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.time.Instant
import java.util.Base64
import kotlin.time.Duration.Companion.seconds

/**
 * Runs every case of tests/vectors/secrets.json (mint byte for byte, verify claims and error codes,
 * key loading) and fails if a case id went unused.
 */
class VectorsTest {
    private val mapper = ObjectMapper()
    private val vectors: JsonNode = mapper.readTree(Files.readString(Repo.vectors.resolve("secrets.json")))
    private val ran = mutableSetOf<String>()

    private fun keyText(name: String): String = Files.readString(Repo.vectors.resolve(vectors["keys"][name]["file"].asText()))

    private fun JsonNode.str(field: String): String? = get(field)?.takeUnless { it.isNull }?.asText()
    private fun JsonNode.long(field: String): Long? = get(field)?.takeUnless { it.isNull }?.asLong()

    private fun transform(text: String, how: String?): String = when (how) {
        null -> text
        "escaped_newlines" -> text.replace("\n", "\\n")
        "double_escaped_newlines" -> text.replace("\n", "\\\\n")
        "quoted" -> "\"$text\""
        "crlf" -> text.replace("\n", "\r\n")
        "base64" -> Base64.getEncoder().encodeToString(text.toByteArray())
        "surrounding_whitespace" -> "  \n$text  \n"
        else -> error("unknown transform $how")
    }

    /** One verifier over every key file of a case: PEM texts joined; JWK files merged into one set. */
    private fun verifierFor(names: JsonNode): Verifier {
        val texts = names.map { keyText(it.asText()) }
        return if (texts.any { it.trimStart().startsWith("{") }) {
            val all = JsonNodeFactory.instance.arrayNode()
            for (text in texts) {
                val node = mapper.readTree(text)
                if (node.has("keys")) all.addAll(node["keys"] as com.fasterxml.jackson.databind.node.ArrayNode) else all.add(node)
            }
            Verifier(mapper.writeValueAsString(JsonNodeFactory.instance.objectNode().set<JsonNode>("keys", all)))
        } else {
            Verifier(texts.joinToString("\n"))
        }
    }

    private fun expectError(case: JsonNode, block: () -> Unit) {
        val error = assertThrows<MunitySecretException>(block)
        assertEquals(case["error"].asText(), error.code, "code")
        // The shared fields: kind, claim (InvalidClaim only) and reason (InvalidKey/InvalidClaim only).
        assertEquals(case["error"].asText().substringBefore('/'), error.kind, "kind")
        assertEquals(case.str("reason"), error.reason.takeIf { case.has("reason") }, "reason")
        if (error is MunitySecretException.InvalidKey) assertEquals("INVALID_KEY/${error.reason}", error.code)
        if (error !is MunitySecretException.InvalidKey && error !is MunitySecretException.InvalidClaim) {
            assertEquals(null, error.reason, "reason")
        }
        if (error is MunitySecretException.InvalidClaim) {
            assertEquals(case["error"].asText().substringAfter('/'), error.claim, "claim")
        } else {
            assertEquals(null, error.claim, "claim")
        }
        // The class matches the code's kind.
        val kind = error.code.substringBefore('/')
        val expectedClass = when (kind) {
            "INVALID_KEY" -> MunitySecretException.InvalidKey::class
            "INVALID_CLAIM" -> MunitySecretException.InvalidClaim::class
            "MALFORMED_SECRET" -> MunitySecretException.MalformedSecret::class
            "UNSUPPORTED_ALGORITHM" -> MunitySecretException.UnsupportedAlgorithm::class
            "BAD_SIGNATURE" -> MunitySecretException.BadSignature::class
            "UNKNOWN_KEY" -> MunitySecretException.UnknownKey::class
            "EXPIRED" -> MunitySecretException.Expired::class
            "NOT_YET_VALID" -> MunitySecretException.NotYetValid::class
            else -> error("unknown kind $kind")
        }
        assertEquals(expectedClass, error::class)
    }

    private fun runMint(case: JsonNode) {
        val claims = case["claims"]
        val options = case["options"] ?: JsonNodeFactory.instance.objectNode()
        val now = options.long("now")?.let(Instant::ofEpochSecond)
        val keyId = options.str("key_id")
        val mintOptions = when {
            options.has("expires_at") -> MintOptions(expiresAt = Instant.ofEpochSecond(options["expires_at"].asLong()), now = now, keyId = keyId)
            options.has("expires_in") -> MintOptions(expiresIn = options["expires_in"].asLong().seconds, now = now, keyId = keyId)
            options["no_expiry"]?.asBoolean() == true -> MintOptions(expiresIn = null, now = now, keyId = keyId)
            else -> MintOptions(now = now, keyId = keyId)
        }
        Signer(keyText(case["key"].asText())).use { signer ->
            val mint = {
                when (case["kind"].asText()) {
                    "connect" -> signer.connectSecret(
                        ConnectRequest(claims.str("customer_id")!!, claims.str("workspace_id"), claims.str("name")),
                        mintOptions,
                    )
                    "renew" -> signer.renewSecret(
                        RenewRequest(
                            claims.str("customer_id")!!, claims.str("workspace_id"),
                            claims.str("integration_id")!!, claims.str("name"),
                        ),
                        mintOptions,
                    )
                    else -> error("kind ${case["kind"]}")
                }
            }
            when (case["result"].asText()) {
                "valid" -> assertEquals(case["secret"].asText(), mint())
                else -> expectError(case) { mint() }
            }
        }
    }

    private fun runVerify(case: JsonNode) {
        val options = case["options"]
        val verifyOptions = VerifyOptions(
            expect = options.str("expect")?.let { wire -> SecretKind.entries.single { it.wireName == wire } },
            leeway = (options.long("leeway") ?: 60).seconds,
            now = options.long("now")?.let(Instant::ofEpochSecond),
        )
        verifierFor(case["keys"]).use { verifier ->
            when (case["result"].asText()) {
                "valid" -> {
                    val v = verifier.verify(case["secret"].asText(), verifyOptions)
                    val actual = linkedMapOf(
                        "kind" to v.kind.wireName, "customer_id" to v.customerId, "workspace_id" to v.workspaceId,
                        "name" to v.name, "integration_id" to v.integrationId, "expires_at" to v.expiresAt?.epochSecond,
                        "issued_at" to v.issuedAt?.epochSecond, "not_before" to v.notBefore?.epochSecond,
                        "key_id" to v.keyId, "fingerprint" to v.fingerprint,
                    )
                    val expected = case["claims"]
                    assertEquals(expected.fieldNames().asSequence().toSet(), actual.keys)
                    for ((field, value) in actual) {
                        // Compared as JSON text: 1732752600 is the same whether Jackson read an Int or a Long.
                        assertEquals(expected[field].toString(), mapper.valueToTree<JsonNode>(value).toString(), field)
                    }
                }
                else -> expectError(case) { verifier.verify(case["secret"].asText(), verifyOptions) }
            }
        }
    }

    private fun runKeyLoading(case: JsonNode) {
        val text = transform(keyText(case["key"].asText()), case.str("transform"))
        val load: () -> String = when (case["role"].asText()) {
            "signer" -> { { Signer(text).use { it.fingerprint } } }
            "verifier" -> { { Verifier(text).use { it.fingerprints.first() } } }
            else -> error("role ${case["role"]}")
        }
        when (case["result"].asText()) {
            "valid" -> assertEquals(case["fingerprint"].asText(), load())
            else -> expectError(case) { load() }
        }
    }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        assertEquals("munity-secrets-vectors/1", vectors["schema"].asText())
        val tests = mutableListOf<DynamicTest>()
        val ids = mutableListOf<String>()
        for ((section, run) in listOf<Pair<String, (JsonNode) -> Unit>>(
            "mint" to ::runMint, "verify" to ::runVerify, "key_loading" to ::runKeyLoading,
        )) {
            for (case in vectors[section]) {
                val id = case["id"].asText()
                ids += id
                tests += dynamicTest("$section/$id") {
                    run(case)
                    ran += id
                }
            }
        }
        tests += dynamicTest("every case id ran") {
            assertTrue(ids.size > 100, "too few cases: ${ids.size}")
            assertEquals(ids.size, ids.toSet().size, "duplicate ids")
            val unused = ids.toSet() - ran
            assertTrue(unused.isEmpty(), "cases that did not run or failed: $unused")
        }
        return tests
    }
}
