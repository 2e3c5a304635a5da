//! `munity-secrets`: mint, verify and inspect Munity connect and renew secrets from a shell.
#![forbid(unsafe_code)]

mod args;
mod keys;
mod numbers;

use args::{Cli, Command, Kind, MintArgs};
use clap::Parser;
use keys::{public_key_text, secret_text, signer, verifier, Failure, InputError};
use munity_secrets::{
    claims::names, Expiry, MintOptions, MintRequest, MunitySecretError, SecretKind, Signer, VerifyOptions,
};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse(); // exits with code 2 on usage errors
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Core(error)) => {
            eprintln!("error: {}", describe(&error));
            ExitCode::from(1)
        }
        Err(Failure::Input(InputError(message))) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// `CODE: message`, with an invalid claim's reason after its code: `INVALID_CLAIM/leeway (out_of_range): ...`.
fn describe(error: &MunitySecretError) -> String {
    match error {
        MunitySecretError::InvalidClaim { reason, .. } => format!("{} ({}): {error}", error.code(), reason.code()),
        other => format!("{}: {other}", other.code()),
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Connect(args) => mint(&args.mint, None)?,
        Command::Renew(args) => mint(&args.mint, Some(&args.integration_id))?,
        Command::Verify(args) => {
            let verifier = verifier(&args.public_key.public_key)?;
            let options = VerifyOptions {
                leeway: args
                    .leeway
                    .map(|n| n.seconds(names::LEEWAY))
                    .transpose()?
                    .unwrap_or(munity_secrets::DEFAULT_LEEWAY),
                now: args.now.map(|n| n.seconds(names::NOW)).transpose()?,
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
            if let Some(certificate) = &args.certificate {
                let signer = signer(certificate.as_deref())?;
                match signer.workspace_id() {
                    Some(workspace_id) => println!("{}  workspace_id={workspace_id}", signer.fingerprint()),
                    None => println!("{}", signer.fingerprint()),
                }
            } else if let Some(files) = &args.public_key {
                for key in verifier(files)?.keys() {
                    match key.key_id() {
                        Some(kid) => println!("{}  kid={kid}", key.fingerprint()),
                        None => println!("{}", key.fingerprint()),
                    }
                }
            }
        }
        Command::Sandbox(args) => {
            let config = munity_secrets_sandbox::SandboxConfig {
                public_keys: public_key_text(&args.public_key.public_key)?,
                host: args.host,
                port: args.port,
                import_delay: std::time::Duration::from_millis(args.import_delay_ms),
            };
            munity_secrets_sandbox::run(config).map_err(|e| Failure::Input(InputError(e.to_string())))?;
        }
    }
    Ok(())
}

/// `connect` (no integration) or `renew`: one request, the core dispatches.
fn mint(args: &MintArgs, integration_id: Option<&str>) -> Result<(), Failure> {
    let signer = signer(args.certificate.certificate.as_deref())?;
    let expiry = if args.no_expiry {
        Expiry::Never
    } else if let Some(at) = args.expires_at {
        Expiry::At(at.seconds(names::EXPIRES_AT)?)
    } else if let Some(seconds) = args.expires_in {
        Expiry::In(seconds.seconds(names::EXPIRES_IN)?)
    } else {
        Expiry::default()
    };
    let options =
        MintOptions { expiry, now: args.now.map(|n| n.seconds(names::NOW)).transpose()?, key_id: args.key_id.clone() };
    let request = MintRequest {
        customer_id: &args.customer_id,
        workspace_id: args.workspace_id.as_deref(),
        name: args.name.as_deref(),
        integration_id,
    };
    println!("{}", signer.mint(&request, &options)?.secret);
    Ok(())
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
