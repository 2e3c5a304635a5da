//! The command line's grammar.

use crate::numbers::{parse_date, parse_number, Number};
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Keys come from files or from the environment, the way deployments keep them:
  --certificate FILE  or  MUNITY_CERTIFICATE   the workspace's private key (PEM)
  MUNITY_WORKSPACE_ID                          binds the signer to its workspace (--workspace-id optional)
  --public-key FILE   or  MUNITY_PUBLIC_KEY    public key(s): PEM, JWK or JWK Set (--public-key repeatable)

Secrets expire in one hour unless told otherwise (--expires-in, --expires-at, --no-expiry).

Exit codes: 0 success; 1 invalid input, key or secret (one line on stderr naming the error kind); 2 usage.";

/// Mint, verify and inspect Munity connect and renew secrets.
#[derive(Debug, Parser)]
#[command(name = "munity-secrets", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Mint a connect secret.
    #[command(
        after_help = "Example:\n  munity-secrets connect --certificate key.pem --customer-id customer1234 \\\n    --workspace-id 11111111-2222-3333-aaaa-eeeeeeeeeeee --name 'Ada' --expires-in 600\n  MUNITY_WORKSPACE_ID=11111111-2222-3333-aaaa-eeeeeeeeeeee munity-secrets connect --customer-id customer1234"
    )]
    Connect(ConnectArgs),
    /// Mint a renew secret, which restores a broken integration.
    #[command(
        after_help = "Example:\n  munity-secrets renew --certificate key.pem --customer-id customer1234 \\\n    --workspace-id 11111111-2222-3333-aaaa-eeeeeeeeeeee --integration-id 99999999-8888-4777-a666-555555555555"
    )]
    Renew(RenewArgs),
    /// Verify a secret strictly and print its claims as JSON.
    #[command(
        after_help = "Example:\n  munity-secrets verify --public-key public.pem --expect connect \"$SECRET\"\n  echo \"$SECRET\" | munity-secrets verify --public-key public.pem -"
    )]
    Verify(VerifyArgs),
    /// Decode a secret WITHOUT verifying it, to look at its header and claims.
    #[command(after_help = "Example:\n  munity-secrets inspect \"$SECRET\"")]
    Inspect(InspectArgs),
    /// Write a fresh TEST key pair (PKCS#8 private.pem, SPKI public.pem) for development and tests.
    #[command(after_help = "Example:\n  munity-secrets keygen --out ./dev-keys")]
    Keygen(KeygenArgs),
    /// Print a key's fingerprint (RFC 7638 thumbprint), to match it against the workspace settings.
    #[command(
        after_help = "Example:\n  munity-secrets fingerprint --certificate key.pem\n  munity-secrets fingerprint --public-key jwks.json"
    )]
    Fingerprint(FingerprintArgs),
    /// Run a local stand-in of Munity's connect service (loopback only by default).
    #[command(after_help = "Example:\n  munity-secrets sandbox --public-key ./dev-keys/public.pem --port 8787")]
    Sandbox(SandboxArgs),
}

#[derive(Debug, Args)]
pub struct CertificateArg {
    /// The workspace certificate (PEM private key) file; default: $MUNITY_CERTIFICATE.
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PublicKeyArg {
    /// Public key file (PEM, JWK or JWK Set); repeat it for several files (key rotation);
    /// default: $MUNITY_PUBLIC_KEY.
    #[arg(long, value_name = "FILE")]
    pub public_key: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MintArgs {
    #[command(flatten)]
    pub certificate: CertificateArg,
    /// Your customer's id: 1 to 255 ASCII letters and digits.
    #[arg(long, value_name = "ID")]
    pub customer_id: String,
    /// The Munity workspace id (a UUID); optional when MUNITY_WORKSPACE_ID binds the signer (then it
    /// must name that workspace).
    #[arg(long, value_name = "UUID")]
    pub workspace_id: Option<String>,
    /// An optional display name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Lifetime in whole seconds (1 to 31536000): writes exp = now + SECONDS. Default: 3600 (one hour).
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true, value_parser = parse_number,
          conflicts_with_all = ["expires_at", "no_expiry"])]
    pub expires_in: Option<Number>,
    /// Absolute expiry: a NumericDate (whole seconds since the epoch) or an RFC 3339 UTC time
    /// (2026-11-28T12:00:00Z), after now and at most a year ahead.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true, value_parser = parse_date,
          conflicts_with = "no_expiry")]
    pub expires_at: Option<Number>,
    /// Write no exp: the secret never expires (an explicit choice; leaked, it stays usable).
    #[arg(long)]
    pub no_expiry: bool,
    /// A key id for the header's kid.
    #[arg(long, value_name = "KID")]
    pub key_id: Option<String>,
    /// The current time in seconds since the epoch, or an RFC 3339 UTC time (reproducible output);
    /// default: the system clock.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true, value_parser = parse_date)]
    pub now: Option<Number>,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    #[command(flatten)]
    pub mint: MintArgs,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    #[command(flatten)]
    pub mint: MintArgs,
    /// The integration to restore (a UUID).
    #[arg(long, value_name = "UUID")]
    pub integration_id: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Connect,
    Renew,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub public_key: PublicKeyArg,
    /// Require this kind of secret.
    #[arg(long, value_enum)]
    pub expect: Option<Kind>,
    /// Clock tolerance for exp and nbf, in whole seconds (0 to 3600); default: 60.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true, value_parser = parse_number)]
    pub leeway: Option<Number>,
    /// The current time in seconds since the epoch, or an RFC 3339 UTC time; default: the system clock.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true, value_parser = parse_date)]
    pub now: Option<Number>,
    /// The secret, or - to read it from standard input.
    pub secret: String,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The secret, or - to read it from standard input.
    pub secret: String,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Modulus size.
    #[arg(long, default_value_t = 2048, value_parser = clap::builder::PossibleValuesParser::new(["2048", "3072", "4096"]).map(|s| s.parse::<u32>().expect("listed value")))]
    pub bits: u32,
    /// Directory to write private.pem and public.pem into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct FingerprintArgs {
    /// A certificate (private key) file; without FILE, $MUNITY_CERTIFICATE. Prints
    /// `FINGERPRINT  workspace_id=UUID` when MUNITY_WORKSPACE_ID binds the signer.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub certificate: Option<Option<PathBuf>>,
    /// Public key file(s) (PEM, JWK or JWK Set), repeatable; without FILE, $MUNITY_PUBLIC_KEY. One
    /// fingerprint a line, `FINGERPRINT  kid=KID` for a key with an id.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub public_key: Option<Vec<PathBuf>>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    #[command(flatten)]
    pub public_key: PublicKeyArg,
    /// Address to listen on; loopback by default.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// How long the simulated import takes, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 300)]
    pub import_delay_ms: u64,
}
