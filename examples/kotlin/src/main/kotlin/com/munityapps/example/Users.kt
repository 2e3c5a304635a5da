package com.munityapps.example

import java.security.MessageDigest

/** A signed-in user of the SaaS and the Munity customer (account, tenant) whose integrations they manage. */
data class User(val name: String, val customerId: String)

/**
 * A demo user store (name, password, customer id). A real backend has its own (Spring Security, a database,
 * an identity provider); what matters here is that the customer comes from the authenticated user, never
 * from the request.
 */
class UserStore(accounts: List<Account>) {
    /** One account: its password is kept as a SHA-256 digest, compared in constant time. */
    class Account(val name: String, password: String, val customerId: String) {
        internal val passwordDigest: ByteArray = digest(password)

        override fun toString(): String = "Account(name=$name, customerId=$customerId)"
    }

    private val byName = accounts.associateBy { it.name }

    /** The user with this name and password, or null. */
    fun authenticate(name: String, password: String): User? {
        val account = byName[name]
        // Compare against a digest even for an unknown name, so both cases do the same work.
        val matches = MessageDigest.isEqual(account?.passwordDigest ?: UNKNOWN, digest(password))
        return if (account != null && matches) User(account.name, account.customerId) else null
    }

    private companion object {
        val UNKNOWN: ByteArray = ByteArray(32)

        fun digest(text: String): ByteArray = MessageDigest.getInstance("SHA-256").digest(text.toByteArray())
    }
}
