package com.munityapps.example

import com.munityapps.secrets.ConnectRequest
import com.munityapps.secrets.MintOptions
import com.munityapps.secrets.MunitySecretException
import com.munityapps.secrets.Signer
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.net.URLDecoder
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.concurrent.Executors
import kotlin.system.exitProcess
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
import kotlin.time.toJavaDuration

/**
 * A SaaS backend's endpoints for Munity, on the JDK's HttpServer:
 *
 * - `POST /login` (form `username`, `password`) starts a session: `Set-Cookie: session=…; HttpOnly`;
 * - `POST /logout` ends it;
 * - `GET /munity/secret?connector=jira` mints a connect secret for the signed-in user's customer and answers
 *   `{"secret": "...", "expiresAt": "2026-11-29T01:30:00Z"}` (`Cache-Control: no-store`), which the browser hands
 *   to Munity's `connect(connector, secret, callback, config)`, fetching a new one when it is about to lapse.
 *
 * The customer comes from the session, never from the request: 401 without one. Errors are
 * `{"error": CODE, "message": "..."}` as in every integration of the project (docs/frontend.md).
 *
 * [signer] must be bound to its workspace ([Signer.fromEnv] with `MUNITY_WORKSPACE_ID` set). Building the server
 * mints one secret on trial, so a bad workspace or lifetime stops it at start-up.
 */
class SecretServer(
    private val signer: Signer,
    private val users: UserStore,
    address: InetSocketAddress,
    private val lifetime: Duration = 10.minutes,
) : AutoCloseable {
    private val sessions = Sessions()
    private val executor = Executors.newFixedThreadPool(4)
    private val server: HttpServer

    init {
        mint(STARTUP_CHECK_CUSTOMER)
        server = HttpServer.create(address, 0).apply {
            createContext("/login", ::login)
            createContext("/logout", ::logout)
            createContext("/munity/secret", ::secret)
            executor = this@SecretServer.executor
        }
    }

    /** The port actually bound (for port 0). */
    val port: Int get() = server.address.port

    fun start(): SecretServer = apply { server.start() }

    /** A connect secret for [customerId] and its `exp`: the time goes to the core explicitly, so exp = now + lifetime. */
    private fun mint(customerId: String): Pair<String, Instant> {
        val now = Instant.now().truncatedTo(ChronoUnit.SECONDS)
        // One Signer for the whole server: it is thread-safe and parses the key only once.
        val secret = signer.connectSecret(ConnectRequest(customerId), MintOptions(expiresIn = lifetime, now = now))
        return secret to now.plus(lifetime.toJavaDuration())
    }

    private fun login(exchange: HttpExchange) {
        exchange.use {
            if (exchange.requestMethod != "POST") return respond(exchange, 405, error("METHOD_NOT_ALLOWED", "use POST"))
            val form = parse(exchange.requestBody.readNBytes(MAX_FORM).decodeToString())
            val user = users.authenticate(form["username"].orEmpty(), form["password"].orEmpty())
                ?: return respond(exchange, 401, error("BAD_CREDENTIALS", "unknown user or wrong password"))
            exchange.responseHeaders.add("Set-Cookie", "$COOKIE=${sessions.start(user)}; Path=/; HttpOnly; SameSite=Strict")
            respond(exchange, 200, """{"user":"${user.name}"}""")
        }
    }

    private fun logout(exchange: HttpExchange) {
        exchange.use {
            if (exchange.requestMethod != "POST") return respond(exchange, 405, error("METHOD_NOT_ALLOWED", "use POST"))
            sessions.end(sessionToken(exchange))
            exchange.responseHeaders.add("Set-Cookie", "$COOKIE=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
            respond(exchange, 204, null)
        }
    }

    private fun secret(exchange: HttpExchange) {
        exchange.use {
            if (exchange.requestMethod != "GET") return respond(exchange, 405, error("METHOD_NOT_ALLOWED", "use GET"))
            val connectors = parseAll(exchange.requestURI.rawQuery.orEmpty())["connector"].orEmpty()
            if (connectors.size != 1 || !CONNECTOR.matches(connectors[0])) {
                return respond(exchange, 400, error("INVALID_CONNECTOR",
                    "connector must be given once, as 1 to 64 ASCII letters, digits, \\\"_\\\", \\\"-\\\" or \\\".\\\""))
            }
            val user = sessions.user(sessionToken(exchange))
                ?: return respond(exchange, 401, error("UNAUTHENTICATED", "sign in first"))
            val (secret, expiresAt) = try {
                mint(user.customerId)
            } catch (e: MunitySecretException) {
                // A customer id the core refuses is the server's mistake: logged by its code, a 500 for the browser.
                System.err.println("munity-secrets: no secret minted: ${e.code}: ${e.message}")
                return respond(exchange, 500, error("SECRET_UNAVAILABLE", "the server could not mint a secret; its log says why"))
            }
            respond(exchange, 200, """{"secret":"$secret","expiresAt":"$expiresAt"}""")
        }
    }

    private fun sessionToken(exchange: HttpExchange): String? =
        exchange.requestHeaders["Cookie"].orEmpty().flatMap { it.split(';') }.map { it.trim() }
            .firstOrNull { it.startsWith("$COOKIE=") }?.substringAfter('=')

    private fun error(code: String, message: String) = """{"error":"$code","message":"$message"}"""

    private fun respond(exchange: HttpExchange, status: Int, json: String?) {
        exchange.responseHeaders.add("Cache-Control", "no-store")
        if (json == null) {
            exchange.sendResponseHeaders(status, -1)
            return
        }
        val body = json.toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json; charset=utf-8")
        exchange.sendResponseHeaders(status, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }

    override fun close() {
        server.stop(0)
        executor.shutdownNow()
    }

    private companion object {
        const val COOKIE = "session"
        const val MAX_FORM = 4096
        const val STARTUP_CHECK_CUSTOMER = "startupcheck"

        /** Munity's connect() name: 1 to 64 ASCII letters, digits, '_', '-' or '.'. */
        val CONNECTOR = Regex("[A-Za-z0-9_.-]{1,64}")

        fun parseAll(encoded: String): Map<String, List<String>> =
            encoded.split('&').filter { it.isNotEmpty() }.mapNotNull {
                val (k, v) = if ('=' in it) it.split('=', limit = 2) else listOf(it, "")
                // A malformed escape (%zz) drops the pair: a missing connector is then a 400, a missing password a 401.
                runCatching { URLDecoder.decode(k, Charsets.UTF_8) to URLDecoder.decode(v, Charsets.UTF_8) }.getOrNull()
            }.groupBy({ it.first }, { it.second })

        fun parse(encoded: String): Map<String, String> = parseAll(encoded).mapValues { it.value.first() }
    }
}

/**
 * Serves on PORT (8080) with MUNITY_CERTIFICATE (the workspace's private key) and MUNITY_WORKSPACE_ID set, and
 * one demo user, `demo`, whose password is DEMO_PASSWORD and whose customer is `customer1234`.
 */
fun main() {
    val signer = try {
        Signer.fromEnv()
    } catch (e: MunitySecretException) {
        // The core's code names the problem (INVALID_KEY/no_key: MUNITY_CERTIFICATE unset or empty); no key is shown.
        System.err.println("cannot start: MUNITY_CERTIFICATE: ${e.code}: ${e.message}")
        exitProcess(1)
    }
    val password = System.getenv("DEMO_PASSWORD")?.takeIf { it.isNotEmpty() }
        ?: run { System.err.println("cannot start: set DEMO_PASSWORD, the demo user's password"); exitProcess(1) }
    val port = System.getenv("PORT")?.toInt() ?: 8080
    val users = UserStore(listOf(UserStore.Account("demo", password, customerId = "customer1234")))
    val server = try {
        SecretServer(signer, users, InetSocketAddress("127.0.0.1", port))
    } catch (e: MunitySecretException) {
        System.err.println("cannot start: ${e.code}: ${e.message} (is MUNITY_WORKSPACE_ID set to your workspace id?)")
        exitProcess(1)
    }
    println("signing with key ${signer.fingerprint} for workspace ${signer.workspaceId}")
    server.start()
    println("listening on http://127.0.0.1:$port: POST /login (username=demo, password), then GET /munity/secret?connector=jira")
}
