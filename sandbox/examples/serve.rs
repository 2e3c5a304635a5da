//! Runs the sandbox without the command line, for the end-to-end test and for trying it out:
//!
//! ```text
//! cargo run -p munity-secrets-sandbox --example serve -- --public-key FILE [--port 8787] [--host 127.0.0.1] [--import-delay-ms 300]
//! ```
//!
//! The `munity-secrets sandbox` subcommand of the command line does the same.

use munity_secrets_sandbox::{run, SandboxConfig};
use std::process::ExitCode;
use std::time::Duration;

fn usage() -> ExitCode {
    eprintln!("usage: serve --public-key FILE [--port 8787] [--host 127.0.0.1] [--import-delay-ms 300]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut config = SandboxConfig::default();
    let mut key_file = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else { return usage() };
        match flag.as_str() {
            "--public-key" => key_file = Some(value),
            "--port" => match value.parse() {
                Ok(port) => config.port = port,
                Err(_) => return usage(),
            },
            "--host" => match value.parse() {
                Ok(host) => config.host = host,
                Err(_) => return usage(),
            },
            "--import-delay-ms" => match value.parse() {
                Ok(ms) => config.import_delay = Duration::from_millis(ms),
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    let Some(key_file) = key_file else { return usage() };
    config.public_keys = match std::fs::read_to_string(&key_file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("serve: cannot read {key_file}: {error}");
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("serve: {error}");
            ExitCode::FAILURE
        }
    }
}
