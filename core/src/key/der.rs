//! Reading the DER structures keys come in, only as far as needed to classify them and to give a
//! precise refusal before the crypto library (aws-lc) does its own full checks.

use crate::error::{KeyErrorReason as Reason, MunitySecretError, Result};
use der::asn1::ObjectIdentifier as Oid;
use der::Decode;

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");

/// The smallest modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;
/// The largest modulus the crypto library accepts, in bits.
pub const MAX_RSA_BITS: usize = 8192;

/// A name people know for a key algorithm's OID.
fn algorithm_name(oid: &Oid) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.2.1" => "an EC key".to_owned(),
        "1.3.101.112" => "an Ed25519 key".to_owned(),
        "1.3.101.113" => "an Ed448 key".to_owned(),
        "1.3.101.110" => "an X25519 key".to_owned(),
        "1.3.101.111" => "an X448 key".to_owned(),
        "1.2.840.10040.4.1" => "a DSA key".to_owned(),
        "1.2.840.10046.2.1" => "a Diffie-Hellman key".to_owned(),
        other => format!("a key of algorithm {other}"),
    }
}

/// Refuses an AlgorithmIdentifier that is not plain rsaEncryption.
pub(crate) fn require_rsa_algorithm(oid: &Oid) -> Result<()> {
    if *oid == RSA_ENCRYPTION {
        Ok(())
    } else if *oid == RSASSA_PSS {
        Err(MunitySecretError::key(
            Reason::NotRsa,
            "this is an RSA key restricted to RSA-PSS (id-RSASSA-PSS), which cannot make or check RS256 \
             (RSASSA-PKCS1-v1_5) signatures; use the plain RSA key (BEGIN PRIVATE KEY with rsaEncryption)",
        ))
    } else {
        Err(MunitySecretError::key(
            Reason::NotRsa,
            format!(
                "this is {}, not an RSA key; Munity secrets are RS256 and need the workspace's RSA key",
                algorithm_name(oid)
            ),
        ))
    }
}

/// The RSAPrivateKey (PKCS#1) inside a PKCS#8 PrivateKeyInfo, after checking its algorithm.
pub(crate) fn pkcs8_rsa_private_key(pkcs8: &[u8]) -> Result<&[u8]> {
    let info = pkcs8::PrivateKeyInfo::try_from(pkcs8).map_err(|e| {
        MunitySecretError::key(Reason::Malformed, format!("the PKCS#8 private key does not parse ({e})"))
    })?;
    require_rsa_algorithm(&info.algorithm.oid)?;
    Ok(info.private_key)
}

/// The modulus size in bits of a PKCS#1 RSAPrivateKey, refused when out of range.
pub(crate) fn check_private_key_size(pkcs1_der: &[u8]) -> Result<usize> {
    let key = pkcs1::RsaPrivateKey::from_der(pkcs1_der)
        .map_err(|e| MunitySecretError::key(Reason::Malformed, format!("the RSA private key does not parse ({e})")))?;
    check_modulus_bits(key.modulus.as_bytes())
}

/// `(n, e)` of a SubjectPublicKeyInfo, after checking its algorithm.
pub(crate) fn spki_rsa_public_key(spki_der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let info = spki::SubjectPublicKeyInfoRef::try_from(spki_der).map_err(|e| {
        MunitySecretError::key(Reason::Malformed, format!("the public key (SPKI) does not parse ({e})"))
    })?;
    require_rsa_algorithm(&info.algorithm.oid)?;
    let bits = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| MunitySecretError::key(Reason::Malformed, "the public key's BIT STRING has unused bits"))?;
    pkcs1_rsa_public_key(bits)
}

/// `(n, e)` of the SubjectPublicKeyInfo inside an X.509 certificate. The certificate is only a
/// container here: its validity and chain are not checked.
pub(crate) fn certificate_rsa_public_key(cert_der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    use der::Encode;
    let cert = x509_cert::Certificate::from_der(cert_der).map_err(|e| {
        MunitySecretError::key(Reason::Malformed, format!("the X.509 certificate does not parse ({e})"))
    })?;
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().map_err(|e| {
        MunitySecretError::key(Reason::Malformed, format!("the certificate's public key does not encode ({e})"))
    })?;
    spki_rsa_public_key(&spki)
}

/// `(n, e)` of a PKCS#1 RSAPublicKey.
pub(crate) fn pkcs1_rsa_public_key(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let key = pkcs1::RsaPublicKey::from_der(der)
        .map_err(|e| MunitySecretError::key(Reason::Malformed, format!("the RSA public key does not parse ({e})")))?;
    Ok((key.modulus.as_bytes().to_vec(), key.public_exponent.as_bytes().to_vec()))
}

/// The size of a big-endian modulus without leading zeros, refused when out of range.
pub(crate) fn check_modulus_bits(modulus: &[u8]) -> Result<usize> {
    let modulus = super::fingerprint::strip_leading_zeros(modulus);
    let bits = match modulus.first() {
        Some(top) => modulus.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    };
    if bits < MIN_RSA_BITS {
        return Err(MunitySecretError::key(
            Reason::TooSmall,
            format!(
                "the RSA key is {bits} bits; at least {MIN_RSA_BITS} are needed (ask Munity for a new \
                 certificate, or make a test key with `munity-secrets keygen`)"
            ),
        ));
    }
    if bits > MAX_RSA_BITS {
        return Err(MunitySecretError::key(
            Reason::TooLarge,
            format!("the RSA key is {bits} bits; at most {MAX_RSA_BITS} are supported"),
        ));
    }
    Ok(bits)
}
