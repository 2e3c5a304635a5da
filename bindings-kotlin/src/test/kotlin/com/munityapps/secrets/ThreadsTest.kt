package com.munityapps.secrets

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** One Signer shared by 8 threads: every secret verifies and matches a single-threaded mint. */
class ThreadsTest {
    // A fixed clock: with the default expiry, the bytes depend on the second they are minted in.
    private val options = MintOptions(now = Instant.now().truncatedTo(ChronoUnit.SECONDS))

    @Test
    fun eightThreadsShareOneSigner() {
        val pool = Executors.newFixedThreadPool(8)
        try {
            Signer(Repo.mainPrivate).use { signer ->
                Verifier(Repo.mainPublic).use { verifier ->
                    val tasks = (0 until 8).map { thread ->
                        Callable {
                            (0 until 50).map { i ->
                                val customer = "t${thread}n$i"
                                customer to signer.connectSecret(ConnectRequest(customer, WORKSPACE, "thread $thread"), options)
                            }
                        }
                    }
                    val results = pool.invokeAll(tasks).flatMap { it.get(120, TimeUnit.SECONDS) }
                    assertEquals(400, results.size)
                    for ((customer, secret) in results) {
                        assertEquals(customer, verifier.verify(secret).customerId)
                        // Deterministic: the same claims give the same bytes on this thread.
                        val name = "thread ${customer.substring(1).substringBefore('n')}"
                        assertEquals(secret, signer.connectSecret(ConnectRequest(customer, WORKSPACE, name), options))
                    }
                    // Verifying concurrently too.
                    val checks = results.chunked(50).map { chunk -> Callable { chunk.map { verifier.verify(it.second).customerId } } }
                    assertEquals(results.map { it.first }, pool.invokeAll(checks).flatMap { it.get(120, TimeUnit.SECONDS) })
                }
            }
        } finally {
            pool.shutdownNow()
        }
    }
}
