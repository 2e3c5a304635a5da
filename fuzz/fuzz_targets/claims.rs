//! Arbitrary strings to the claims:: checks and to connect_secret / renew_secret; every secret that
//! mints must verify back to the same claims. Without expires_in, the secret is minted without expiry.
//!
//! Input: byte 0 flags (bit 0 name, 1 integration_id, 2 kid, 3 expires_in, 4 now present; bit 5
//! folds expires_in into 0..40,000,000; bit 6 folds now into 0..2^33), bytes 1-8 expires_in and 9-16
//! now (little-endian i64), then 0xFF-separated fields (0xFF never occurs in UTF-8): customer_id,
//! workspace_id, name, integration_id, kid, and UTF-16 code units (little-endian) for
//! string_from_utf16. Invalid UTF-8 in a field is replaced (U+FFFD).
#![no_main]

mod common;

use common::SIGNER;
use libfuzzer_sys::fuzz_target;
use munity_secrets::{
    claims, ConnectRequest, Expiry, MintOptions, RenewRequest, SecretKind, Verifier, VerifyOptions, MAX_NUMERIC_DATE,
};

fuzz_target!(|data: &[u8]| {
    let mut fixed = [0u8; 17];
    let head = data.len().min(17);
    fixed[..head].copy_from_slice(&data[..head]);
    let flags = fixed[0];
    let mut expires_in = i64::from_le_bytes(fixed[1..9].try_into().unwrap());
    let mut now = i64::from_le_bytes(fixed[9..17].try_into().unwrap());
    if flags & 0x20 != 0 {
        expires_in = (expires_in as u64 % 40_000_000) as i64;
    }
    if flags & 0x40 != 0 {
        now = (now as u64 % (1 << 33)) as i64;
    }
    let mut fields = data.get(17..).unwrap_or_default().split(|&b| b == 0xff);
    let mut field = || String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let customer_id = field();
    let workspace_id = field();
    let name = Some(field()).filter(|_| flags & 1 != 0);
    let integration_id = Some(field()).filter(|_| flags & 2 != 0);
    let key_id = Some(field()).filter(|_| flags & 4 != 0);
    let expires_in = Some(expires_in).filter(|_| flags & 8 != 0);
    let now = Some(now).filter(|_| flags & 16 != 0);
    let utf16_bytes = data.get(17..).unwrap_or_default().split(|&b| b == 0xff).nth(5).unwrap_or_default();

    // string_from_utf16 agrees with the standard library.
    let units: Vec<u16> = utf16_bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    assert_eq!(claims::string_from_utf16("name", &units).ok(), String::from_utf16(&units).ok());

    // Each check on its own, and what its success promises.
    let customer_ok = claims::check_customer_id(&customer_id).is_ok();
    if customer_ok {
        assert!((1..=255).contains(&customer_id.len()) && customer_id.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
    let workspace = claims::normalize_uuid("workspace_id", &workspace_id);
    if let Ok(normal) = &workspace {
        assert_eq!(*normal, workspace_id.to_ascii_lowercase());
        assert_eq!(normal.len(), 36);
        assert_eq!(claims::normalize_uuid("workspace_id", normal).as_ref(), Ok(normal), "idempotent");
    }
    let name_ok = name.as_deref().is_none_or(|n| claims::check_name("name", n).is_ok());
    let integration = integration_id.as_deref().map(|i| claims::normalize_uuid("integration_id", i));
    let kid_ok = key_id.as_deref().is_none_or(|k| claims::check_name("kid", k).is_ok());
    let expires_ok = expires_in.is_none_or(|e| claims::check_expires_in(e).is_ok());
    let now_ok = now.is_none_or(|n| claims::check_now(n).is_ok());
    let within_dates = match (now, expires_in) {
        (Some(n), Some(e)) => n.checked_add(e).is_some_and(|exp| exp <= MAX_NUMERIC_DATE),
        _ => true,
    };
    let all_ok = customer_ok
        && workspace.is_ok()
        && name_ok
        && integration.as_ref().is_none_or(|i| i.is_ok())
        && kid_ok
        && expires_ok
        && now_ok
        && within_dates;

    let expiry = expires_in.map_or(Expiry::Never, Expiry::In);
    let options = MintOptions { expiry, now, key_id: key_id.clone() };
    let minted = match &integration_id {
        None => SIGNER.connect_secret(
            &ConnectRequest { customer_id: &customer_id, workspace_id: &workspace_id, name: name.as_deref() },
            &options,
        ),
        Some(integration_id) => SIGNER.renew_secret(
            &RenewRequest {
                customer_id: &customer_id,
                workspace_id: &workspace_id,
                integration_id,
                name: name.as_deref(),
            },
            &options,
        ),
    };
    assert_eq!(minted.is_ok(), all_ok, "mint {:?} while the checks say {all_ok}", minted.as_ref().err());
    let Ok(secret) = minted else { return };

    // Round trip: verify with the signer's key (under the kid, if one was written).
    let mut key = SIGNER.verifying_key().clone();
    if let Some(kid) = &key_id {
        key = key.with_key_id(kid).expect("a kid that minted is a valid key id");
    }
    let verifier = Verifier::from_keys(vec![key]).unwrap();
    let kind = if integration_id.is_some() { SecretKind::Renew } else { SecretKind::Connect };
    let verified = verifier
        .verify(&secret, &VerifyOptions { now, expect: Some(kind), ..VerifyOptions::default() })
        .unwrap_or_else(|e| panic!("a minted secret must verify: {e}"));
    assert_eq!(verified.customer_id, customer_id);
    assert_eq!(verified.workspace_id, workspace_id.to_ascii_lowercase());
    assert_eq!(verified.name, name);
    assert_eq!(verified.integration_id, integration_id.map(|i| i.to_ascii_lowercase()));
    assert_eq!(verified.key_id, key_id);
    assert_eq!(verified.kind, kind);
    assert_eq!(verified.fingerprint, SIGNER.fingerprint());
    if let (Some(e), Some(n)) = (expires_in, now) {
        assert_eq!(verified.expires_at, Some(n + e));
    }
    assert_eq!(verified.expires_at.is_some(), expires_in.is_some());
    assert_eq!((verified.issued_at, verified.not_before), (None, None));
});
