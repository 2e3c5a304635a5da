//! `munity-secrets`: mint, verify and inspect Munity connect and renew secrets from a shell.
#![forbid(unsafe_code)]

mod args;
mod keys;

use args::{Cli, Command, Kind, MintArgs};
use clap::Parser;
use keys::{key_text, secret_text, InputError, CERTIFICATE_ENV, PUBLIC_KEY_ENV};
use munity_secrets::{
    ConnectRequest, MintOptions, MunitySecretError, RenewRequest, SecretKind, Signer, Verifier, VerifyOptions,
};
use std::process::ExitCode;

enum Failure {
    Core(MunitySecretError),
    Input(InputError),
}

impl From<MunitySecretError> for Failure {
    fn from(error: MunitySecretError) -> Self {
        Self::Core(error)
    }
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Self {
        Self::Input(error)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse(); // exits with code 2 on usage errors
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Core(error)) => {
            eprintln!("error: {}: {error}", error.code());
            ExitCode::from(1)
        }
        Err(Failure::Input(InputError(message))) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Connect(args) => {
            let (signer, options) = signer_and_options(&args.mint)?;
            let request = ConnectRequest {
                customer_id: &args.mint.customer_id,
                workspace_id: &args.mint.workspace_id,
                name: args.mint.name.as_deref(),
            };
            println!("{}", signer.connect_secret(&request, &options)?);
        }
        Command::Renew(args) => {
            let (signer, options) = signer_and_options(&args.mint)?;
            let request = RenewRequest {
                customer_id: &args.mint.customer_id,
                workspace_id: &args.mint.workspace_id,
                integration_id: &args.integration_id,
                name: args.mint.name.as_deref(),
            };
            println!("{}", signer.renew_secret(&request, &options)?);
        }
        Command::Verify(args) => {
            let verifier =
                Verifier::new(&key_text(args.public_key.public_key.as_deref(), PUBLIC_KEY_ENV, "--public-key")?)?;
            let options = VerifyOptions {
                leeway: args.leeway,
                now: args.now,
                expect: args.expect.map(|kind| match kind {
                    Kind::Connect => SecretKind::Connect,
                    Kind::Renew => SecretKind::Renew,
                }),
            };
            let verified = verifier.verify(&secret_text(&args.secret)?, &options)?;
            println!("{}", to_json(&verified));
        }
        Command::Inspect(args) => {
            let inspection = munity_secrets::inspect(&secret_text(&args.secret)?)?;
            eprintln!("WARNING: NOT VERIFIED. This only decodes the secret; its signature, claims and expiry were not checked. Use `munity-secrets verify` to trust it.");
            println!(
                "{}",
                to_json(&serde_json::json!({
                    "verified": false,
                    "header": inspection.header,
                    "payload": inspection.payload,
                }))
            );
        }
        Command::Keygen(args) => keygen(&args)?,
        Command::Fingerprint(args) => {
            if let Some(path) = args.certificate.as_deref() {
                println!("{}", Signer::new(&key_text(Some(path), CERTIFICATE_ENV, "--certificate")?)?.fingerprint());
            } else if let Some(path) = args.public_key.as_deref() {
                for key in Verifier::new(&key_text(Some(path), PUBLIC_KEY_ENV, "--public-key")?)?.keys() {
                    match key.key_id() {
                        Some(kid) => println!("{}  kid={kid}", key.fingerprint()),
                        None => println!("{}", key.fingerprint()),
                    }
                }
            }
        }
        Command::Sandbox(args) => {
            let config = munity_secrets_sandbox::SandboxConfig {
                public_keys: key_text(args.public_key.public_key.as_deref(), PUBLIC_KEY_ENV, "--public-key")?,
                host: args.host,
                port: args.port,
                import_delay: std::time::Duration::from_millis(args.import_delay_ms),
            };
            munity_secrets_sandbox::run(config).map_err(|e| Failure::Input(InputError(e.to_string())))?;
        }
    }
    Ok(())
}

fn signer_and_options(args: &MintArgs) -> Result<(Signer, MintOptions), Failure> {
    let signer = Signer::new(&key_text(args.certificate.certificate.as_deref(), CERTIFICATE_ENV, "--certificate")?)?;
    let expiry = args.expires_in.map_or(munity_secrets::Expiry::Never, munity_secrets::Expiry::In);
    let options = MintOptions { expiry, now: args.now, key_id: args.key_id.clone() };
    Ok((signer, options))
}

fn keygen(args: &args::KeygenArgs) -> Result<(), Failure> {
    let pair = munity_secrets::generate_key_pair(args.bits)?;
    let io = |what: &str, e: std::io::Error| Failure::Input(InputError(format!("cannot write {what}: {e}")));
    std::fs::create_dir_all(&args.out).map_err(|e| io(&args.out.display().to_string(), e))?;
    let private = args.out.join("private.pem");
    let public = args.out.join("public.pem");
    for path in [&private, &public] {
        if path.exists() && !args.force {
            return Err(Failure::Input(InputError(format!("{} exists; pass --force to overwrite it", path.display()))));
        }
    }
    write_private(&private, &pair.private_key_pem).map_err(|e| io(&private.display().to_string(), e))?;
    std::fs::write(&public, &pair.public_key_pem).map_err(|e| io(&public.display().to_string(), e))?;
    let fingerprint = Signer::new(&pair.private_key_pem)?.fingerprint().to_owned();
    println!("wrote {} (TEST key: never use it in production) and {}", private.display(), public.display());
    println!("fingerprint {fingerprint}");
    Ok(())
}

/// Writes the private key readable by its owner only.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"cannot print: {e}\"}}"))
}
