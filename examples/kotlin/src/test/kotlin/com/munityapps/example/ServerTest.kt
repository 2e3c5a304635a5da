package com.munityapps.example

import com.munityapps.secrets.MunitySecrets
import com.munityapps.secrets.SecretKind
import com.munityapps.secrets.Signer
import com.munityapps.secrets.Verifier
import com.munityapps.secrets.VerifyOptions
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Test
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** A real HTTP request to the example server on a loopback ephemeral port. */
class ServerTest {
    private val workspace = "11111111-2222-3333-aaaa-eeeeeeeeeeee"

    @Test
    fun mintsAConnectSecretOverHttp() {
        val keys = MunitySecrets.generateKeyPair()
        Signer(keys.privateKeyPem).use { signer ->
            SecretServer(signer, workspace, InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start().use { server ->
                val client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                fun get(query: String): HttpResponse<String> = client.send(
                    HttpRequest.newBuilder(URI("http://127.0.0.1:${server.port}/munity/secret?$query"))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(),
                )

                val ok = get("customer_id=customer1234")
                assertEquals(200, ok.statusCode())
                val secret = Regex("\"secret\":\"([^\"]+)\"").find(ok.body())?.groupValues?.get(1)
                assertNotNull(secret)
                Verifier(keys.publicKeyPem).use { verifier ->
                    val verified = verifier.verify(secret!!, VerifyOptions(expect = SecretKind.CONNECT))
                    assertEquals("customer1234", verified.customerId)
                    assertEquals(workspace, verified.workspaceId)
                    assertNotNull(verified.expiresAt)
                    assertEquals(signer.fingerprint, verified.fingerprint)
                }

                val bad = get("customer_id=customer-1234")
                assertEquals(400, bad.statusCode())
                assertEquals("""{"error":"INVALID_CLAIM/customer_id"}""", bad.body())
                assertEquals(400, get("").statusCode())
            }
        }
    }
}
