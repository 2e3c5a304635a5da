package example

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ArrayNode
import com.fasterxml.jackson.databind.node.JsonNodeFactory
import com.munityapps.secrets.ConnectRequest
import com.munityapps.secrets.MintOptions
import com.munityapps.secrets.MunitySecretException
import com.munityapps.secrets.RenewRequest
import com.munityapps.secrets.SecretKind
import com.munityapps.secrets.Signer
import com.munityapps.secrets.Verifier
import com.munityapps.secrets.VerifyOptions
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.util.Base64
import kotlin.system.exitProcess
import kotlin.time.Duration.Companion.seconds

/**
 * A Kotlin user's program: every case of secrets.json through the installed jar; prints
 * "kotlin: N passed, N failed" and exits 1 on any failure.   java -cp ... example.KotlinVectorsKt VECTORS_DIR
 */
private val mapper = ObjectMapper()

private class Cases(private val dir: Path) {
    val vectors: JsonNode = mapper.readTree(Files.readString(dir.resolve("secrets.json")))

    private fun keyText(name: String): String = Files.readString(dir.resolve(vectors["keys"][name]["file"].asText()))
    private fun JsonNode.str(field: String): String? = get(field)?.takeUnless { it.isNull }?.asText()
    private fun JsonNode.instant(field: String): Instant? = get(field)?.takeUnless { it.isNull }?.asLong()?.let(Instant::ofEpochSecond)

    private fun check(ok: Boolean, what: () -> String) { if (!ok) throw AssertionError(what()) }

    private fun expectError(case: JsonNode, block: () -> Any?) {
        val error = try {
            block()
            throw AssertionError("no error; expected ${case["error"]}")
        } catch (e: MunitySecretException) {
            e
        }
        check(case["error"].asText() == error.code) { "code ${error.code}" }
        case.str("reason")?.let { reason -> check(reason == error.reason) { "reason ${error.reason}" } }
        check(error.kind == error.code.substringBefore('/')) { "kind ${error.kind}" }
        val expected = when (error.code.substringBefore('/')) {
            "INVALID_KEY" -> MunitySecretException.InvalidKey::class
            "INVALID_CLAIM" -> MunitySecretException.InvalidClaim::class
            "MALFORMED_SECRET" -> MunitySecretException.MalformedSecret::class
            "UNSUPPORTED_ALGORITHM" -> MunitySecretException.UnsupportedAlgorithm::class
            "BAD_SIGNATURE" -> MunitySecretException.BadSignature::class
            "UNKNOWN_KEY" -> MunitySecretException.UnknownKey::class
            "EXPIRED" -> MunitySecretException.Expired::class
            "NOT_YET_VALID" -> MunitySecretException.NotYetValid::class
            else -> null
        }
        check(error::class == expected) { "class ${error::class} for ${error.code}" }
    }

    fun mint(case: JsonNode) {
        val claims = case["claims"]
        val o = case["options"]
        val now = o.instant("now")
        val keyId = o.str("key_id")
        val options = when {
            o.has("expires_at") -> MintOptions(expiresAt = o.instant("expires_at")!!, now = now, keyId = keyId)
            o.path("no_expiry").asBoolean(false) -> MintOptions(expiresIn = null, now = now, keyId = keyId)
            o.has("expires_in") -> MintOptions(expiresIn = o["expires_in"].asLong().seconds, now = now, keyId = keyId)
            else -> MintOptions(now = now, keyId = keyId)
        }
        Signer(keyText(case["key"].asText())).use { signer ->
            val mint = {
                if (case["kind"].asText() == "renew") {
                    signer.renewSecret(
                        RenewRequest(claims.str("customer_id")!!, claims.str("workspace_id"), claims.str("integration_id")!!, claims.str("name")),
                        options,
                    )
                } else {
                    signer.connectSecret(ConnectRequest(claims.str("customer_id")!!, claims.str("workspace_id"), claims.str("name")), options)
                }
            }
            if (case["result"].asText() == "valid") check(case["secret"].asText() == mint()) { "secret bytes differ" } else expectError(case, mint)
        }
    }

    private fun verifierFor(names: JsonNode): Verifier {
        val texts = names.map { keyText(it.asText()) }
        if (texts.none { it.trimStart().startsWith("{") }) return Verifier(texts.joinToString("\n"))
        val all = JsonNodeFactory.instance.arrayNode()
        for (text in texts) mapper.readTree(text).let { if (it.has("keys")) all.addAll(it["keys"] as ArrayNode) else all.add(it) }
        return Verifier(mapper.writeValueAsString(JsonNodeFactory.instance.objectNode().set<JsonNode>("keys", all)))
    }

    fun verify(case: JsonNode) {
        val o = case["options"]
        val options = VerifyOptions(
            expect = o.str("expect")?.let { wire -> SecretKind.entries.single { it.wireName == wire } },
            leeway = o.get("leeway")?.asLong()?.seconds ?: VerifyOptions.DEFAULT_LEEWAY,
            now = o.instant("now"),
        )
        verifierFor(case["keys"]).use { verifier ->
            if (case["result"].asText() != "valid") return expectError(case) { verifier.verify(case["secret"].asText(), options) }
            val v = verifier.verify(case["secret"].asText(), options)
            val actual = linkedMapOf(
                "kind" to v.kind.wireName, "customer_id" to v.customerId, "workspace_id" to v.workspaceId,
                "name" to v.name, "integration_id" to v.integrationId, "expires_at" to v.expiresAt?.epochSecond,
                "issued_at" to v.issuedAt?.epochSecond, "not_before" to v.notBefore?.epochSecond,
                "key_id" to v.keyId, "fingerprint" to v.fingerprint,
            )
            val expected = case["claims"]
            check(expected.fieldNames().asSequence().toList() == actual.keys.toList()) { "claim fields" }
            for ((field, value) in actual) {
                val got = mapper.valueToTree<JsonNode>(value).toString()
                check(expected[field].toString() == got) { "$field: $got" }
            }
        }
    }

    fun keyLoading(case: JsonNode) {
        val raw = keyText(case["key"].asText())
        val text = when (val how = case.str("transform")) {
            null -> raw
            "escaped_newlines" -> raw.replace("\n", "\\n")
            "double_escaped_newlines" -> raw.replace("\n", "\\\\n")
            "quoted" -> "\"$raw\""
            "crlf" -> raw.replace("\n", "\r\n")
            "base64" -> Base64.getEncoder().encodeToString(raw.toByteArray())
            "surrounding_whitespace" -> "  \n$raw  \n"
            else -> throw AssertionError("unknown transform $how")
        }
        val load: () -> String = if (case["role"].asText() == "signer") {
            { Signer(text).use { it.fingerprint } }
        } else {
            { Verifier(text).use { it.fingerprints.first() } }
        }
        if (case["result"].asText() == "valid") check(case["fingerprint"].asText() == load()) { "fingerprint" } else expectError(case, load)
    }
}

fun main(args: Array<String>) {
    println("kotlin: ${Platform.describe()}")
    val cases = Cases(Path.of(args[0]))
    var passed = 0
    val failed = mutableListOf<String>()
    for ((section, run) in listOf<Pair<String, (JsonNode) -> Unit>>(
        "mint" to cases::mint, "verify" to cases::verify, "key_loading" to cases::keyLoading,
    )) {
        for (case in cases.vectors[section]) {
            try {
                run(case)
                passed++
            } catch (e: Throwable) {
                failed += "$section/${case["id"].asText()}: $e"
            }
        }
    }
    failed.forEach { println("kotlin: FAILED $it") }
    println("kotlin: $passed passed, ${failed.size} failed")
    exitProcess(if (failed.isEmpty() && passed > 100) 0 else 1)
}
