package com.munityapps.example

import java.security.SecureRandom
import java.util.Base64
import java.util.concurrent.ConcurrentHashMap

/** Server-side sessions: an unguessable token (the cookie's value) for each signed-in user. */
class Sessions {
    private val users = ConcurrentHashMap<String, User>()
    private val random = SecureRandom()

    /** Starts a session for [user]; returns its token. */
    fun start(user: User): String {
        val bytes = ByteArray(32).also(random::nextBytes)
        val token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        users[token] = user
        return token
    }

    /** The user of the session [token], or null. */
    fun user(token: String?): User? = token?.let(users::get)

    /** Ends the session [token]. */
    fun end(token: String?) {
        token?.let(users::remove)
    }
}
