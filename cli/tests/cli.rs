//! The command line as a user meets it: exit codes, stdout, stderr, files and environment variables.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const WORKSPACE: &str = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
const INTEGRATION: &str = "99999999-8888-4777-a666-555555555555";

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_munity-secrets"));
    command.env_remove("MUNITY_CERTIFICATE").env_remove("MUNITY_PUBLIC_KEY").env_remove("MUNITY_WORKSPACE_ID");
    command
}

fn vector_key(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/keys").join(name)
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("munity-secrets-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn keygen_connect_renew_verify_round_trip() {
    let dir = temp_dir("roundtrip");
    let output = run(bin().args(["keygen", "--out"]).arg(&dir));
    assert!(output.status.success(), "{}", stderr(&output));
    let private = dir.join("private.pem");
    let public = dir.join("public.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&private).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(!stdout(&output).contains("PRIVATE KEY"), "keygen never prints key material");

    let connect = run(bin()
        .args(["connect", "--customer-id", "customer1234", "--workspace-id", WORKSPACE, "--expires-in", "600"])
        .arg("--certificate")
        .arg(&private));
    assert!(connect.status.success(), "{}", stderr(&connect));
    let secret = stdout(&connect).trim().to_owned();
    assert_eq!(secret.split('.').count(), 3);

    let verify = run(bin().args(["verify", "--expect", "connect", "--public-key"]).arg(&public).arg(&secret));
    assert!(verify.status.success(), "{}", stderr(&verify));
    let claims: serde_json::Value = serde_json::from_str(&stdout(&verify)).unwrap();
    assert_eq!(claims["kind"], "connect");
    assert_eq!(claims["customer_id"], "customer1234");

    // Renew through the environment variable, verify from standard input.
    let certificate = std::fs::read_to_string(&private).unwrap();
    let renew = run(bin().env("MUNITY_CERTIFICATE", certificate.replace('\n', "\\n")).args([
        "renew",
        "--customer-id",
        "customer1234",
        "--workspace-id",
        WORKSPACE,
        "--integration-id",
        INTEGRATION,
    ]));
    assert!(renew.status.success(), "{}", stderr(&renew));
    let mut child = bin()
        .env("MUNITY_PUBLIC_KEY", std::fs::read_to_string(&public).unwrap())
        .args(["verify", "--expect", "renew", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&renew.stdout).unwrap();
    let verified = child.wait_with_output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
    let claims: serde_json::Value = serde_json::from_str(&stdout(&verified)).unwrap();
    assert_eq!(claims["integration_id"], INTEGRATION);

    // keygen refuses to overwrite without --force
    let again = run(bin().args(["keygen", "--out"]).arg(&dir));
    assert_eq!(again.status.code(), Some(1));
    assert!(run(bin().args(["keygen", "--force", "--out"]).arg(&dir)).status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn mints_the_vectors_bytes() {
    // connect-everything of tests/vectors/secrets.json, through the command line
    let vectors: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/secrets.json")).unwrap(),
    )
    .unwrap();
    let case = vectors["mint"].as_array().unwrap().iter().find(|c| c["id"] == "connect-everything").unwrap();
    let output = run(bin()
        .arg("connect")
        .arg("--certificate")
        .arg(vector_key("TEST-ONLY-main-private-pkcs8.pem"))
        .args(["--customer-id", case["claims"]["customer_id"].as_str().unwrap()])
        .args(["--workspace-id", case["claims"]["workspace_id"].as_str().unwrap()])
        .args(["--name", case["claims"]["name"].as_str().unwrap()])
        .args(["--expires-in", &case["options"]["expires_in"].to_string()])
        .args(["--now", &case["options"]["now"].to_string()])
        .args(["--key-id", case["options"]["key_id"].as_str().unwrap()]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim_end(), case["secret"].as_str().unwrap());
}

#[test]
fn invalid_input_exits_1_with_one_line_naming_the_kind() {
    let output = run(bin()
        .args(["connect", "--customer-id", "customer-1234", "--workspace-id", WORKSPACE, "--certificate"])
        .arg(vector_key("TEST-ONLY-main-private-pkcs8.pem")));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: INVALID_CLAIM/customer_id (invalid_character): "), "{err}");

    let output = run(bin()
        .args(["connect", "--customer-id", "c1", "--workspace-id", WORKSPACE, "--certificate"])
        .arg(vector_key("TEST-ONLY-rsa1024-private.pem")));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: INVALID_KEY/too_small: "), "{}", stderr(&output));
    assert!(!stderr(&output).contains("MII"), "no key material in errors");

    let output = run(bin()
        .args(["verify", "--public-key"])
        .arg(vector_key("TEST-ONLY-main-public-spki.pem"))
        .arg("eyJhbGciOiJub25lIn0.e30."));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: UNSUPPORTED_ALGORITHM: "), "{}", stderr(&output));

    let output = run(bin().args(["connect", "--customer-id", "c1", "--workspace-id", WORKSPACE]));
    assert_eq!(output.status.code(), Some(1), "no certificate anywhere");
    assert!(stderr(&output).starts_with("error: INVALID_KEY/no_key: "), "{}", stderr(&output));
    assert!(stderr(&output).contains("MUNITY_CERTIFICATE"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["connect"],
        vec!["frobnicate"],
        vec!["keygen", "--bits", "1024", "--out", "/nonexistent"],
        vec!["verify", "--expect", "both", "x"],
        vec!["fingerprint"],
    ] {
        let output = run(bin().args(&args));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["connect", "renew", "verify", "inspect", "keygen", "fingerprint", "sandbox"] {
        let output = run(bin().args([command, "--help"]));
        assert!(output.status.success(), "{command}");
        assert!(stdout(&output).contains("Example:"), "{command} --help has an example");
    }
}

#[test]
fn inspect_decodes_and_warns_loudly() {
    let secret = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJjdXN0b21lcl9pZCI6ImMxIn0.AAAA";
    let output = run(bin().args(["inspect", secret]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("NOT VERIFIED"));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(shown["verified"], false);
    assert_eq!(shown["payload"]["customer_id"], "c1");
}

#[test]
fn fingerprint_matches_between_private_and_public_forms() {
    let of = |flag: &str, file: &str| {
        let output = run(bin().args(["fingerprint", flag]).arg(vector_key(file)));
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output).trim().to_owned()
    };
    let private = of("--certificate", "TEST-ONLY-main-private-pkcs8.pem");
    assert_eq!(private, of("--public-key", "TEST-ONLY-main-public-spki.pem"));
    assert_eq!(private, of("--public-key", "TEST-ONLY-main-certificate.pem"));
    assert_eq!(private.len(), 43);
}

#[test]
fn expiry_flags_default_to_one_hour() {
    let certificate = vector_key("TEST-ONLY-main-private-pkcs8.pem");
    let mint = |extra: &[&str]| {
        let output = run(bin()
            .args(["connect", "--customer-id", "c1", "--workspace-id", WORKSPACE, "--certificate"])
            .arg(&certificate)
            .args(extra));
        assert!(output.status.success(), "{extra:?}: {}", stderr(&output));
        stdout(&output).trim_end().to_owned()
    };
    let exp = |secret: &str| {
        let output = run(bin().args(["inspect", secret]));
        let shown: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        shown["payload"]["exp"].as_i64()
    };
    assert_eq!(exp(&mint(&["--now", "1732752000"])), Some(1_732_755_600), "one hour by default");
    assert_eq!(exp(&mint(&["--no-expiry"])), None);
    let rfc3339 = mint(&["--now", "2024-11-28T00:00:00Z", "--expires-at", "2024-11-28T00:10:00Z"]);
    assert_eq!(rfc3339, mint(&["--now", "1732752000", "--expires-at", "1732752600"]));
    assert_eq!(rfc3339, mint(&["--now", "1732752000", "--expires-in", "600"]));
    for conflicting in [["--no-expiry", "--expires-in", "60"], ["--no-expiry", "--expires-at", "1"]] {
        let output = run(bin().args(["connect", "--customer-id", "c1"]).args(conflicting));
        assert_eq!(output.status.code(), Some(2), "{conflicting:?}");
    }
    let output = run(bin().args(["connect", "--customer-id", "c1", "--expires-in", "ten"]));
    assert_eq!(output.status.code(), Some(2), "not a number: a usage error");
}

#[test]
fn a_workspace_in_the_environment_binds_the_signer() {
    let certificate = vector_key("TEST-ONLY-main-private-pkcs8.pem");
    let output = run(bin()
        .env("MUNITY_WORKSPACE_ID", WORKSPACE)
        .args(["connect", "--customer-id", "c1", "--now", "1732752000", "--certificate"])
        .arg(&certificate));
    assert!(output.status.success(), "{}", stderr(&output));
    let unbound = run(bin()
        .args(["connect", "--customer-id", "c1", "--now", "1732752000", "--workspace-id", WORKSPACE, "--certificate"])
        .arg(&certificate));
    assert_eq!(output.stdout, unbound.stdout, "binding changes no byte");
    let other = run(bin()
        .env("MUNITY_WORKSPACE_ID", WORKSPACE)
        .args(["connect", "--customer-id", "c1", "--workspace-id", "11111111-2222-3333-aaaa-ffffffffffff"])
        .arg("--certificate")
        .arg(&certificate));
    assert_eq!(other.status.code(), Some(1));
    assert!(stderr(&other).starts_with("error: INVALID_CLAIM/workspace_id (other_workspace): "), "{}", stderr(&other));
    let missing = run(bin().args(["connect", "--customer-id", "c1", "--certificate"]).arg(&certificate));
    assert!(stderr(&missing).starts_with("error: INVALID_CLAIM/workspace_id (missing): "), "{}", stderr(&missing));
}
