package com.munityapps.secrets

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The per-thread direct buffer that carries a hot call's strings to Rust (Native.kt). */
class CallBufferTest {
    private fun bytes(buffer: java.nio.ByteBuffer) = ByteArray(buffer.remaining()).also { buffer.duplicate().get(it) }

    @Test
    fun stringsFollowEachOtherAsUtf16LeCodeUnitsNullsLeftOut() {
        val buffer = utf16Buffer("a\uD800", null, "", "é")
        assertTrue(buffer.isDirect)
        assertEquals(0, buffer.position())
        assertArrayEquals(byteArrayOf(0x61, 0, 0x00, 0xD8.toByte(), 0xE9.toByte(), 0), bytes(buffer))
        assertEquals(listOf(-1, 0, 2), listOf(units(null), units(""), units("a\uD800")))
    }

    @Test
    fun theThreadsBufferIsReusedAndNeverCarriesAnEarlierCallsTail() {
        val grown = utf16Buffer("é".repeat(3_000)) // 6,000 bytes: grows the kept buffer
        assertEquals(6_000, grown.remaining())
        val next = utf16Buffer("b")
        assertSame(grown, next)
        assertArrayEquals(byteArrayOf(0x62, 0), bytes(next))
        val huge = utf16Buffer("x".repeat(40_000), "yz") // over 64 KiB: a buffer for this call only
        assertNotSame(next, huge)
        assertEquals(80_004, huge.remaining())
        assertSame(next, utf16Buffer("c"))
    }
}
