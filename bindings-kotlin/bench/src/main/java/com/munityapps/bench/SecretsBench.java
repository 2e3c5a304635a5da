package com.munityapps.bench;

import com.munityapps.secrets.ConnectRequest;
import com.munityapps.secrets.MintOptions;
import com.munityapps.secrets.Signer;
import com.munityapps.secrets.VerifiedSecret;
import com.munityapps.secrets.Verifier;
import com.munityapps.secrets.VerifyOptions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Minting and verifying the same claims with the same 2048-bit key: munity-secrets (the Rust core
 * through UniFFI and JNA) against nimbus-jose-jwt and jjwt. Every contender builds and serializes
 * the whole JWT when signing; every verifier checks the same secret (ours: signature and every
 * claim; nimbus: parse, signature, claims set; jjwt: parseSignedClaims). One shared state, so the
 * multi-threaded runs share one signer and one verifier, as a server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecretsBench {
    static final String CUSTOMER = "customer1234";
    static final String WORKSPACE = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
    static final String NAME = "Benchmark Customer";

    Signer signer;
    Verifier verifier;
    ConnectRequest request;
    MintOptions mintOptions;
    VerifyOptions verifyOptions;
    String secret;
    long exp;

    RSAPrivateCrtKey privateKey;
    RSASSASigner nimbusSigner;
    RSASSAVerifier nimbusVerifier;
    JWSHeader nimbusHeader;
    JwtParser jjwtParser;

    /** The PEM text of the benchmark key (system property bench.key). */
    static String pem() throws IOException {
        return Files.readString(Path.of(System.getProperty("bench.key")));
    }

    @Setup
    public void setUp() throws IOException, GeneralSecurityException {
        String pem = pem();
        KeyFactory factory = KeyFactory.getInstance("RSA");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS); // whole seconds, as the core requires
        exp = now.getEpochSecond() + 365L * 86400;
        signer = new Signer(pem);
        verifier = signer.verifier();
        request = new ConnectRequest(CUSTOMER, WORKSPACE, NAME);
        mintOptions = MintOptions.builder().expiresIn(Duration.ofDays(365)).now(now).build();
        verifyOptions = VerifyOptions.defaults();
        secret = signer.connectSecret(request, mintOptions);

        nimbusSigner = new RSASSASigner(privateKey);
        nimbusVerifier = new RSASSAVerifier(publicKey);
        nimbusHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();
        jjwtParser = Jwts.parser().verifyWith(publicKey).build();
    }

    @TearDown
    public void tearDown() {
        verifier.close();
        signer.close();
    }

    @Benchmark
    public String signMunity() {
        return signer.connectSecret(request, mintOptions);
    }

    @Benchmark
    public String signNimbus() throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("customer_id", CUSTOMER).claim("workspace_id", WORKSPACE)
                .claim("name", NAME).claim("exp", exp).build();
        SignedJWT jwt = new SignedJWT(nimbusHeader, claims);
        jwt.sign(nimbusSigner);
        return jwt.serialize();
    }

    @Benchmark
    public String signJjwt() {
        return Jwts.builder().header().type("JWT").and()
                .claim("customer_id", CUSTOMER).claim("workspace_id", WORKSPACE).claim("name", NAME).claim("exp", exp)
                .signWith(privateKey, Jwts.SIG.RS256).compact();
    }

    @Benchmark
    public VerifiedSecret verifyMunity() {
        return verifier.verify(secret, verifyOptions);
    }

    @Benchmark
    public JWTClaimsSet verifyNimbus() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(secret);
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("nimbus refused the secret");
        }
        return jwt.getJWTClaimsSet();
    }

    @Benchmark
    public Claims verifyJjwt() {
        return jjwtParser.parseSignedClaims(secret).getPayload();
    }
}
