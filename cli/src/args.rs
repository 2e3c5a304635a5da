//! The command line's grammar.

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Keys come from files or from the environment, the way deployments keep them:
  --certificate FILE  or  MUNITY_CERTIFICATE   the workspace's private key (PEM)
  --public-key FILE   or  MUNITY_PUBLIC_KEY    public key(s): PEM, JWK or JWK Set

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
        after_help = "Example:\n  munity-secrets connect --certificate key.pem --customer-id customer1234 \\\n    --workspace-id 11111111-2222-3333-aaaa-eeeeeeeeeeee --name 'Ada' --expires-in 600"
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
    /// Public key file (PEM, JWK or JWK Set); default: $MUNITY_PUBLIC_KEY.
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MintArgs {
    #[command(flatten)]
    pub certificate: CertificateArg,
    /// Your customer's id: 1 to 255 ASCII letters and digits.
    #[arg(long, value_name = "ID")]
    pub customer_id: String,
    /// The Munity workspace id (a UUID).
    #[arg(long, value_name = "UUID")]
    pub workspace_id: String,
    /// An optional display name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Lifetime in seconds (1 to 31536000): writes exp.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub expires_in: Option<i64>,
    /// A key id for the header's kid.
    #[arg(long, value_name = "KID")]
    pub key_id: Option<String>,
    /// The current time in seconds since the epoch (reproducible output); default: the system clock.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub now: Option<i64>,
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
    /// Clock tolerance for exp and nbf, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = munity_secrets::DEFAULT_LEEWAY, allow_hyphen_values = true)]
    pub leeway: i64,
    /// The current time in seconds since the epoch; default: the system clock.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub now: Option<i64>,
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
    /// A certificate (private key) file.
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,
    /// A public key file (PEM, JWK or JWK Set: one fingerprint a line).
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,
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
