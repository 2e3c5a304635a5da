//! The defaults and limits every front end shares: environment variable names, lifetimes, leeway,
//! key size and the NumericDate range. Bindings re-export these instead of writing their own.

/// The environment variable holding the workspace certificate (PEM private key).
pub const CERTIFICATE_ENV: &str = "MUNITY_CERTIFICATE";
/// The environment variable holding the workspace id a signer from the environment is bound to.
pub const WORKSPACE_ID_ENV: &str = "MUNITY_WORKSPACE_ID";
/// The environment variable holding the verifier's public key(s): PEM, JWK or JWK Set.
pub const PUBLIC_KEY_ENV: &str = "MUNITY_PUBLIC_KEY";

/// The lifetime of a secret when the caller says nothing: one hour, in seconds (spec section 3).
pub const DEFAULT_EXPIRES_IN: i64 = 3_600;
/// The longest lifetime a secret may be minted with: 365 days, in seconds. Also bounds how far
/// ahead an absolute `expires_at` may lie.
pub const MAX_EXPIRES_IN: i64 = 31_536_000;

/// The default clock tolerance for `exp` and `nbf`, in seconds.
pub const DEFAULT_LEEWAY: i64 = 60;
/// The largest clock tolerance accepted, in seconds: one hour, the default lifetime. A larger
/// leeway would more than double the life of a default secret (docs/decisions.md).
pub const MAX_LEEWAY: i64 = 3_600;

/// The modulus size of a generated test key pair, in bits.
pub const DEFAULT_KEY_BITS: u32 = 2048;

/// The largest NumericDate accepted anywhere: 9999-12-31T23:59:59Z, which every binding's date
/// type (Python `datetime`, JS `Date`, `java.time.Instant`) can hold. The smallest is 0
/// (1970-01-01T00:00:00Z): a secret never dates from before the epoch.
pub const MAX_NUMERIC_DATE: i64 = 253_402_300_799;
