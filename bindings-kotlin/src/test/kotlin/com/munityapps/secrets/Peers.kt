package com.munityapps.secrets

import com.nimbusds.jose.JOSEObjectType
import com.nimbusds.jose.JWSAlgorithm
import com.nimbusds.jose.JWSHeader
import com.nimbusds.jose.crypto.RSASSASigner
import com.nimbusds.jose.crypto.RSASSAVerifier
import com.nimbusds.jose.jwk.RSAKey
import com.nimbusds.jwt.JWTClaimsSet
import com.nimbusds.jwt.SignedJWT
import io.jsonwebtoken.Jwts
import java.security.KeyFactory
import java.security.interfaces.RSAPrivateCrtKey
import java.security.interfaces.RSAPublicKey
import java.security.spec.PKCS8EncodedKeySpec
import java.security.spec.RSAPublicKeySpec
import java.util.Base64

/** The JVM peers used as oracles: nimbus-jose-jwt and jjwt. */
object Peers {
    /** A PKCS#8 PEM private key as nimbus's RSAKey, parsed with the JDK alone (no BouncyCastle). */
    fun rsaKey(privatePem: String): RSAKey {
        val body = privatePem.lines().filterNot { it.startsWith("-----") }.joinToString("")
        val factory = KeyFactory.getInstance("RSA")
        val private = factory.generatePrivate(PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))) as RSAPrivateCrtKey
        val public = factory.generatePublic(RSAPublicKeySpec(private.modulus, private.publicExponent)) as RSAPublicKey
        return RSAKey.Builder(public).privateKey(private).build()
    }

    fun nimbusSign(privatePem: String, claims: Map<String, Any>): String {
        val builder = JWTClaimsSet.Builder()
        for ((name, value) in claims) builder.claim(name, value)
        val jwt = SignedJWT(JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), builder.build())
        jwt.sign(RSASSASigner(rsaKey(privatePem)))
        return jwt.serialize()
    }

    /** The payload's claims when nimbus accepts the signature, else null. */
    fun nimbusVerify(privatePem: String, secret: String): Map<String, Any>? {
        val jwt = SignedJWT.parse(secret)
        return if (jwt.verify(RSASSAVerifier(rsaKey(privatePem).toRSAPublicKey()))) jwt.payload.toJSONObject() else null
    }

    fun jjwtSign(privatePem: String, claims: Map<String, Any>): String =
        Jwts.builder().claims(claims).signWith(rsaKey(privatePem).toRSAPrivateKey(), Jwts.SIG.RS256).compact()

    fun jjwtVerify(privatePem: String, secret: String): Map<String, Any> =
        HashMap(Jwts.parser().verifyWith(rsaKey(privatePem).toRSAPublicKey()).build().parseSignedClaims(secret).payload)
}
