//! Keys, grouped by what they are about: key text as it arrives ([`text`]), environment variables
//! ([`env`]), PEM blocks ([`pem`]), the DER structures inside ([`der`]), the signer's private key
//! ([`private`]), the verifier's public keys ([`public`]) and their fingerprints ([`fingerprint`]).

mod der;
mod env;
mod fingerprint;
mod pem;
mod private;
mod public;
mod text;

pub use der::{MAX_RSA_BITS, MIN_RSA_BITS};
pub(crate) use env::{read_key_env, read_workspace_env};
pub(crate) use private::load_private_key;
pub(crate) use public::keys_from_text;
pub use public::VerifyingKey;
