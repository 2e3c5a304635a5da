package com.munityapps.example

import com.munityapps.secrets.MunitySecretException
import com.munityapps.secrets.MunitySecrets
import com.munityapps.secrets.SecretKind
import com.munityapps.secrets.Signer
import com.munityapps.secrets.Verifier
import com.munityapps.secrets.VerifyOptions
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlin.time.Duration.Companion.seconds

/** Real HTTP requests to the example server on a loopback ephemeral port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerTest {
    private val workspace = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
    private val keys = MunitySecrets.generateKeyPair()
    private val signer = Signer(keys.privateKeyPem, workspace)
    private val users = UserStore(listOf(
        UserStore.Account("alice", "alice-password", customerId = "acme1234"),
        UserStore.Account("bob", "bob-password", customerId = "globex99"),
        UserStore.Account("mallory", "mallory-password", customerId = "not-valid"),
    ))
    private lateinit var server: SecretServer
    private val client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    @BeforeAll
    fun start() {
        server = SecretServer(signer, users, InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()
    }

    @AfterAll
    fun stop() {
        server.close()
        signer.close()
    }

    private fun uri(path: String) = URI("http://127.0.0.1:${server.port}$path")

    private fun get(path: String, cookie: String? = null): HttpResponse<String> = client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET()
            .apply { if (cookie != null) header("Cookie", cookie) }.build(),
        HttpResponse.BodyHandlers.ofString(),
    )

    private fun post(path: String, form: String, cookie: String? = null): HttpResponse<String> = client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .apply { if (cookie != null) header("Cookie", cookie) }
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString(),
    )

    /** Signs in and returns the `session=…` cookie. */
    private fun login(user: String, password: String): String {
        val response = post("/login", "username=$user&password=$password")
        assertEquals(200, response.statusCode())
        val setCookie = response.headers().firstValue("Set-Cookie").orElseThrow()
        assertTrue(setCookie.contains("HttpOnly"), setCookie)
        return setCookie.substringBefore(';')
    }

    private fun field(body: String, name: String): String? =
        Regex("\"$name\":\"([^\"]*)\"").find(body)?.groupValues?.get(1)

    private fun <T> present(value: T?): T {
        assertNotNull(value)
        return value!!
    }

    private fun assertError(response: HttpResponse<String>, status: Int, code: String) {
        assertEquals(status, response.statusCode())
        assertEquals(listOf("no-store"), response.headers().allValues("Cache-Control"))
        assertEquals(code, field(response.body(), "error"))
        assertNull(field(response.body(), "secret"))
    }

    @Test
    fun unauthenticatedIs401() {
        assertError(get("/munity/secret?connector=jira"), 401, "UNAUTHENTICATED")
        assertError(get("/munity/secret?connector=jira", cookie = "session=forged"), 401, "UNAUTHENTICATED")
        // The query string names no customer: the old customer_id parameter is ignored.
        assertError(get("/munity/secret?connector=jira&customer_id=acme1234"), 401, "UNAUTHENTICATED")
    }

    @Test
    fun wrongPasswordStartsNoSession() {
        val response = post("/login", "username=alice&password=guess")
        assertError(response, 401, "BAD_CREDENTIALS")
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty)
        assertError(post("/login", "username=nobody&password=alice-password"), 401, "BAD_CREDENTIALS")
    }

    @Test
    fun mintsForTheSignedInUsersCustomer() {
        val cookie = login("alice", "alice-password")
        val before = Instant.now().truncatedTo(ChronoUnit.SECONDS)
        // A customer_id in the query changes nothing: the customer is the session's.
        val response = get("/munity/secret?connector=jira&customer_id=globex99", cookie)
        val after = Instant.now()
        assertEquals(200, response.statusCode())
        assertEquals(listOf("no-store"), response.headers().allValues("Cache-Control"))
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"))

        val secret = present(field(response.body(), "secret"))
        val expiresAt = Instant.parse(present(field(response.body(), "expiresAt")))
        Verifier(keys.publicKeyPem).use { verifier ->
            val claims = verifier.verify(secret, VerifyOptions(expect = SecretKind.CONNECT))
            assertEquals("acme1234", claims.customerId)
            assertEquals(workspace, claims.workspaceId)
            assertEquals(signer.fingerprint, claims.fingerprint)
            // expiresAt is the secret's exp: ten minutes (the example's lifetime) after the request.
            assertEquals(claims.expiresAt, expiresAt)
            assertTrue(expiresAt >= before.plusSeconds(600) && expiresAt <= after.plusSeconds(600), "$expiresAt")
        }

        val bob = get("/munity/secret?connector=jira", login("bob", "bob-password"))
        Verifier(keys.publicKeyPem).use { verifier ->
            assertEquals("globex99", verifier.verify(present(field(bob.body(), "secret"))).customerId)
        }
    }

    @Test
    fun connectorMustBeGivenOnceAndFollowTheRule() {
        val cookie = login("alice", "alice-password")
        for (query in listOf("", "?connector=", "?connector=jira&connector=slack", "?connector=a%20b", "?connector=%E2%9C%93")) {
            assertError(get("/munity/secret$query", cookie), 400, "INVALID_CONNECTOR")
        }
        assertEquals(200, get("/munity/secret?connector=google-drive", cookie).statusCode())
    }

    @Test
    fun logoutEndsTheSession() {
        val cookie = login("alice", "alice-password")
        assertEquals(200, get("/munity/secret?connector=jira", cookie).statusCode())
        assertEquals(204, post("/logout", "", cookie).statusCode())
        assertError(get("/munity/secret?connector=jira", cookie), 401, "UNAUTHENTICATED")
    }

    @Test
    fun aCustomerIdTheCoreRefusesIs500() {
        assertError(get("/munity/secret?connector=jira", login("mallory", "mallory-password")), 500, "SECRET_UNAVAILABLE")
    }

    @Test
    fun otherMethodsAre405() {
        assertError(post("/munity/secret?connector=jira", ""), 405, "METHOD_NOT_ALLOWED")
        assertError(get("/login"), 405, "METHOD_NOT_ALLOWED")
    }

    @Test
    fun badConfigurationStopsItAtStartUp() {
        val address = InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
        Signer(keys.privateKeyPem).use { unbound ->
            val error = assertThrows<MunitySecretException.InvalidClaim> { SecretServer(unbound, users, address) }
            assertEquals("workspace_id", error.claim)
            assertEquals("missing", error.reason)
        }
        val error = assertThrows<MunitySecretException.InvalidClaim> { SecretServer(signer, users, address, lifetime = 0.seconds) }
        assertEquals("INVALID_CLAIM/expires_in", error.code)
        assertEquals("out_of_range", error.reason)
    }
}
