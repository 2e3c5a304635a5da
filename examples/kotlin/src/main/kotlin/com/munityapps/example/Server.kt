package com.munityapps.example

import com.munityapps.secrets.ConnectRequest
import com.munityapps.secrets.MintOptions
import com.munityapps.secrets.MunitySecretException
import com.munityapps.secrets.Signer
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.net.URLDecoder
import java.util.concurrent.Executors
import kotlin.time.Duration.Companion.minutes

/**
 * A SaaS backend's endpoint for Munity: `GET /munity/secret` mints a connect secret for the signed-in
 * customer, which the browser hands to Munity's `connect(connector, secret, callback, config)`.
 *
 * In a real backend the customer comes from the session; here it is the `customer_id` query
 * parameter (ASCII letters and digits) so that the example runs alone.
 */
class SecretServer(
    private val signer: Signer,
    private val workspaceId: String,
    address: InetSocketAddress,
) : AutoCloseable {
    private val executor = Executors.newFixedThreadPool(4)
    private val server: HttpServer = HttpServer.create(address, 0).apply {
        createContext("/munity/secret", ::handle)
        executor = this@SecretServer.executor
    }

    /** The port actually bound (for port 0). */
    val port: Int get() = server.address.port

    fun start(): SecretServer = apply { server.start() }

    private fun handle(exchange: HttpExchange) {
        exchange.use {
            if (exchange.requestMethod != "GET") {
                return respond(exchange, 405, """{"error":"method not allowed"}""")
            }
            val customerId = query(exchange)["customer_id"]
                ?: return respond(exchange, 400, """{"error":"customer_id is required"}""")
            try {
                // One Signer for the whole server: it is thread-safe and parses the key only once.
                val secret = signer.connectSecret(ConnectRequest(customerId, workspaceId), MintOptions(expiresIn = 10.minutes))
                respond(exchange, 200, """{"secret":"$secret"}""")
            } catch (e: MunitySecretException.InvalidClaim) {
                // The code is stable ("INVALID_CLAIM/customer_id"); the message is for people.
                respond(exchange, 400, """{"error":"${e.code}"}""")
            }
        }
    }

    private fun query(exchange: HttpExchange): Map<String, String> =
        exchange.requestURI.rawQuery.orEmpty().split('&').filter { '=' in it }.associate {
            val (k, v) = it.split('=', limit = 2)
            URLDecoder.decode(k, Charsets.UTF_8) to URLDecoder.decode(v, Charsets.UTF_8)
        }

    private fun respond(exchange: HttpExchange, status: Int, json: String) {
        val body = json.toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.responseHeaders.add("Cache-Control", "no-store")
        exchange.sendResponseHeaders(status, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }

    override fun close() {
        server.stop(0)
        executor.shutdownNow()
    }
}

/** Serves on PORT (8080), with MUNITY_CERTIFICATE (the workspace's private key) and MUNITY_WORKSPACE_ID set. */
fun main() {
    val workspaceId = System.getenv("MUNITY_WORKSPACE_ID") ?: error("set MUNITY_WORKSPACE_ID")
    val port = System.getenv("PORT")?.toInt() ?: 8080
    val signer = Signer.fromEnv()
    println("signing with key ${signer.fingerprint}")
    SecretServer(signer, workspaceId, InetSocketAddress("127.0.0.1", port)).start()
    println("listening on http://127.0.0.1:$port/munity/secret?customer_id=customer1234")
}
