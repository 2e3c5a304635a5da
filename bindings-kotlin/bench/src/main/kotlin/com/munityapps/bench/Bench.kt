package com.munityapps.bench

import com.munityapps.secrets.ConnectRequest
import com.munityapps.secrets.MintOptions
import com.munityapps.secrets.MunitySecrets
import com.munityapps.secrets.Signer
import com.munityapps.secrets.Verifier
import com.munityapps.secrets.VerifyOptions
import com.nimbusds.jose.JOSEObjectType
import com.nimbusds.jose.JWSAlgorithm
import com.nimbusds.jose.JWSHeader
import com.nimbusds.jose.crypto.RSASSASigner
import com.nimbusds.jose.crypto.RSASSAVerifier
import com.nimbusds.jwt.JWTClaimsSet
import com.nimbusds.jwt.SignedJWT
import io.jsonwebtoken.Jwts
import java.io.File
import java.security.KeyFactory
import java.security.interfaces.RSAPrivateCrtKey
import java.security.interfaces.RSAPublicKey
import java.security.spec.PKCS8EncodedKeySpec
import java.security.spec.RSAPublicKeySpec
import java.time.Instant
import java.util.Base64
import kotlin.time.Duration.Companion.days

/**
 * Warm, single-threaded throughput of minting and verifying the same claims with the same 2048-bit key:
 * munity-secrets (Rust core through UniFFI) vs nimbus-jose-jwt and jjwt, interleaved in rounds so
 * that machine noise hits every contender alike, plus `openssl speed -seconds 3 rsa2048`.
 */
private const val WARMUP_SECONDS = 4.0
private const val ROUNDS = 9
private const val ROUND_SECONDS = 1.0

@Volatile
private var sink: Any? = null

private class Contender(val name: String, val op: () -> Any) {
    val rates = mutableListOf<Double>()
    fun median() = rates.sorted()[rates.size / 2]
}

private fun measure(seconds: Double, op: () -> Any): Double {
    val deadline = System.nanoTime() + (seconds * 1e9).toLong()
    val start = System.nanoTime()
    var count = 0L
    while (true) {
        // Batches of 16 keep the clock out of the loop's cost.
        repeat(16) { sink = op() }
        count += 16
        if (System.nanoTime() >= deadline) break
    }
    return count / ((System.nanoTime() - start) / 1e9)
}

fun main(args: Array<String>) {
    val pem = File(args[0]).readText()
    val factory = KeyFactory.getInstance("RSA")
    val body = pem.lines().filterNot { it.startsWith("-----") }.joinToString("")
    val privateKey = factory.generatePrivate(PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))) as RSAPrivateCrtKey
    val publicKey = factory.generatePublic(RSAPublicKeySpec(privateKey.modulus, privateKey.publicExponent)) as RSAPublicKey

    val customer = "customer1234"
    val workspace = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
    val name = "Benchmark Customer"
    val now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) // whole seconds, as the core requires
    val exp = now.epochSecond + 365L * 86400

    val signer = Signer(pem)
    val verifier = signer.verifier()
    val request = ConnectRequest(customer, workspace, name)
    val mintOptions = MintOptions(expiresIn = 365.days, now = now)
    val secret = signer.connectSecret(request, mintOptions)
    val verifyOptions = VerifyOptions()

    val nimbusSigner = RSASSASigner(privateKey)
    val nimbusVerifier = RSASSAVerifier(publicKey)
    val nimbusHeader = JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build()
    val jjwtParser = Jwts.parser().verifyWith(publicKey).build()

    val contenders = listOf(
        Contender("sign   munity-secrets") { signer.connectSecret(request, mintOptions) },
        Contender("sign   nimbus-jose-jwt") {
            val claims = JWTClaimsSet.Builder().claim("customer_id", customer).claim("workspace_id", workspace)
                .claim("name", name).claim("exp", exp).build()
            SignedJWT(nimbusHeader, claims).apply { sign(nimbusSigner) }.serialize()
        },
        Contender("sign   jjwt") {
            Jwts.builder().header().type("JWT").and()
                .claim("customer_id", customer).claim("workspace_id", workspace).claim("name", name).claim("exp", exp)
                .signWith(privateKey, Jwts.SIG.RS256).compact()
        },
        Contender("verify munity-secrets") { verifier.verify(secret, verifyOptions) },
        Contender("verify nimbus-jose-jwt") {
            val jwt = SignedJWT.parse(secret)
            check(jwt.verify(nimbusVerifier))
            jwt.jwtClaimsSet
        },
        Contender("verify jjwt") { jjwtParser.parseSignedClaims(secret).payload },
    )

    // Every contender accepts the others' output: the same claims, the same key.
    check(SignedJWT.parse(secret).verify(nimbusVerifier))
    verifier.verify(contenders[1].op() as String)
    verifier.verify(contenders[2].op() as String)

    println("warming up (${WARMUP_SECONDS}s each)...")
    for (c in contenders) measure(WARMUP_SECONDS, c.op)
    repeat(ROUNDS) { round ->
        for (c in contenders) c.rates += measure(ROUND_SECONDS, c.op)
        println("round ${round + 1}/$ROUNDS done")
    }

    println()
    println("munity-secrets ${MunitySecrets.version} (native ${MunitySecrets.nativeVersion()}), nimbus-jose-jwt 10.10, jjwt 0.13.0, " +
        "Java ${System.getProperty("java.vm.version")}, ${Runtime.getRuntime().availableProcessors()} CPUs")
    println("load average at the end of the JVM run: ${File("/proc/loadavg").takeIf { it.exists() }?.readText()?.trim()}")
    println("%-26s %12s   %s".format("operation", "ops/s", "rounds (ops/s)"))
    for (c in contenders) {
        println("%-26s %12.0f   %s".format(c.name, c.median(), c.rates.joinToString(" ") { "%.0f".format(it) }))
    }

    // openssl from the same run.
    val process = ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048").redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    process.waitFor()
    val row = output.lines().lastOrNull { it.trim().startsWith("rsa 2048") }
    val (osslSign, osslVerify) = row?.trim()?.split(Regex("\\s+"))?.let { it[it.size - 2].toDouble() to it[it.size - 1].toDouble() }
        ?: (Double.NaN to Double.NaN)
    println("openssl speed -seconds 3 rsa2048: ${row?.trim()}  (${output.lines().firstOrNull { it.startsWith("version") || it.startsWith("OpenSSL") }?.trim()})")

    val ours = contenders.associate { it.name to it.median() }
    val fasterPeerSign = maxOf(ours.getValue("sign   nimbus-jose-jwt"), ours.getValue("sign   jjwt"))
    val fasterPeerVerify = maxOf(ours.getValue("verify nimbus-jose-jwt"), ours.getValue("verify jjwt"))
    println()
    println("sign:   %.2fx the faster JVM peer (target >= 1.5x), %.2fx openssl sign/s %.0f (target >= 0.9x)".format(
        ours.getValue("sign   munity-secrets") / fasterPeerSign, ours.getValue("sign   munity-secrets") / osslSign, osslSign))
    println("verify: %.2fx the faster JVM peer (target >= 1x); openssl verify/s %.0f".format(
        ours.getValue("verify munity-secrets") / fasterPeerVerify, osslVerify))
    println("load average after openssl: ${File("/proc/loadavg").takeIf { it.exists() }?.readText()?.trim()}")

    verifier.close()
    signer.close()
}
