//! The sandbox service over real HTTP: the connect flow, renew, every verifier error as an `error`
//! event, and malformed requests answered 4xx without stopping the service.

use munity_secrets::{ConnectRequest, Expiry, MintOptions, RenewRequest, Signer};
use munity_secrets_sandbox::{serve, SandboxConfig, SandboxError};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const WORKSPACE: &str = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
const OTHER_WORKSPACE: &str = "99999999-2222-3333-aaaa-eeeeeeeeeeee";

fn key_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/keys").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn signer() -> Signer {
    Signer::new(&key_file("TEST-ONLY-main-private-pkcs8.pem")).expect("TEST-ONLY signer")
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

struct Sandbox {
    base: String,
    client: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn start_with(import_delay: Duration) -> Sandbox {
    let config = SandboxConfig {
        public_keys: key_file("TEST-ONLY-main-public-spki.pem"),
        port: 0,
        import_delay,
        ..SandboxConfig::default()
    };
    let (address, server): (SocketAddr, _) = serve(config).await.expect("sandbox starts");
    assert!(address.ip().is_loopback(), "listens on loopback by default: {address}");
    Sandbox { base: format!("http://{address}"), client: reqwest::Client::new(), server }
}

async fn start() -> Sandbox {
    start_with(Duration::from_millis(30)).await
}

impl Sandbox {
    /// POSTs a JSON body to /v1/connect and reads the whole event stream.
    async fn connect_body(&self, body: Value) -> Vec<Value> {
        let response = self.client.post(format!("{}/v1/connect", self.base)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 200, "connect answers 200 with a stream");
        assert_eq!(response.headers()["content-type"].to_str().unwrap(), "application/x-ndjson; charset=utf-8");
        let text = response.text().await.unwrap();
        assert!(text.ends_with('\n'), "every event line ends with a newline: {text:?}");
        text.lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect()
    }

    async fn connect(&self, connector: &str, secret: &str) -> Vec<Value> {
        self.connect_body(json!({ "connector": connector, "secret": secret, "config": {} })).await
    }

    async fn integrations(&self) -> Vec<Value> {
        let response = self.client.get(format!("{}/v1/integrations", self.base)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        body["integrations"].as_array().unwrap().clone()
    }

    /// Sends a raw request to /v1/connect and returns the status and the JSON error body.
    async fn raw(&self, content_type: Option<&str>, body: Vec<u8>) -> (u16, Value) {
        let mut request = self.client.post(format!("{}/v1/connect", self.base)).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.expect("a 4xx answer is JSON");
        (status, body)
    }
}

fn connect_secret(customer: &str) -> String {
    signer()
        .connect_secret(
            &ConnectRequest { customer_id: customer, workspace_id: WORKSPACE, name: Some("Acme") },
            &MintOptions { expiry: Expiry::In(600), ..MintOptions::default() },
        )
        .unwrap()
}

fn renew_secret(customer: &str, workspace: &str, integration_id: &str) -> String {
    signer()
        .renew_secret(
            &RenewRequest { customer_id: customer, workspace_id: workspace, integration_id, name: None },
            &MintOptions::default(),
        )
        .unwrap()
}

fn assert_flow(events: &[Value], secret_kind: &str) -> String {
    assert_eq!(events.len(), 2, "READY then IMPORT_DONE: {events:?}");
    for (event, expected) in events.iter().zip(["READY", "IMPORT_DONE"]) {
        assert_eq!(event["type"], expected);
        assert_eq!(event["status"], expected, "type and status carry the same value");
        assert!(event["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(event["secret_kind"], secret_kind);
        assert_eq!(event["connector"], "jira");
    }
    let id = events[0]["integration_id"].as_str().expect("READY carries integration_id").to_owned();
    assert_eq!(events[1]["integration_id"], id.as_str());
    let parsed = uuid_v4(&id);
    assert!(parsed, "integration_id is a UUID v4: {id}");
    id
}

fn uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && bytes[14] == b'4'
        && text.chars().enumerate().all(|(i, c)| [8, 13, 18, 23].contains(&i) || c.is_ascii_hexdigit())
}

fn assert_error(events: &[Value], code: &str, kind: &str) -> String {
    assert_eq!(events.len(), 1, "one error event: {events:?}");
    let event = &events[0];
    assert_eq!(event["type"], "error");
    assert_eq!(event["status"], "error");
    assert_eq!(event["code"], code, "{event}");
    assert_eq!(event["kind"], kind, "{event}");
    let message = event["message"].as_str().unwrap().to_owned();
    assert!(!message.is_empty());
    message
}

#[tokio::test]
async fn connect_creates_an_integration_and_reports_ready_then_import_done() {
    let sandbox = start().await;
    assert!(sandbox.integrations().await.is_empty());
    let events = sandbox.connect("jira", &connect_secret("customer1234")).await;
    let id = assert_flow(&events, "connect");
    assert_eq!(events[0]["workspace_id"], WORKSPACE);
    assert_eq!(events[0]["customer_id"], "customer1234");

    let list = sandbox.integrations().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["integration_id"], id.as_str());
    assert_eq!(list[0]["workspace_id"], WORKSPACE);
    assert_eq!(list[0]["customer_id"], "customer1234");
    assert_eq!(list[0]["connector"], "jira");
    assert_eq!(list[0]["name"], "Acme");
    assert_eq!(list[0]["status"], "ready");
    assert_eq!(list[0]["renewals"], 0);

    // Another connector of the same customer is another integration; a second connect of the same
    // key replaces the first with a new id.
    let slack = sandbox.connect_body(json!({"connector": "slack", "secret": connect_secret("customer1234")})).await;
    assert_eq!(slack[0]["type"], "READY");
    let again = sandbox.connect("jira", &connect_secret("customer1234")).await;
    let new_id = assert_flow(&again, "connect");
    assert_ne!(new_id, id);
    let list = sandbox.integrations().await;
    assert_eq!(list.len(), 2);
    assert!(list.iter().any(|i| i["integration_id"] == new_id.as_str()));
}

#[tokio::test]
async fn ready_arrives_before_the_import_delay_and_import_done_after_it() {
    // No upper bound on wall-clock time is asserted (the machines are small and noisy): that READY
    // came before the import ended is shown by the registry still saying "importing" after it.
    let delay = Duration::from_millis(5000);
    let sandbox = start_with(delay).await;
    let started = Instant::now();
    let mut response = sandbox
        .client
        .post(format!("{}/v1/connect", sandbox.base))
        .json(&json!({"connector": "jira", "secret": connect_secret("customer1"), "config": {"project": "KEY"}}))
        .send()
        .await
        .unwrap();
    let mut text = String::new();
    while !text.contains('\n') {
        let chunk = response.chunk().await.unwrap().expect("READY before the end");
        text.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    let ready: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(ready["type"], "READY");
    let list = sandbox.integrations().await;
    assert_eq!(list[0]["status"], "importing");
    assert_eq!(list[0]["config"], json!({"project": "KEY"}));

    while let Some(chunk) = response.chunk().await.unwrap() {
        text.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(started.elapsed() >= delay, "IMPORT_DONE waits for the import delay");
    let events: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_flow(&events, "connect");
    assert_eq!(sandbox.integrations().await[0]["status"], "ready");
}

#[tokio::test]
async fn renew_of_a_known_integration_succeeds() {
    let sandbox = start().await;
    let id = assert_flow(&sandbox.connect("jira", &connect_secret("customer1234")).await, "connect");
    let events = sandbox.connect("jira", &renew_secret("customer1234", WORKSPACE, &id)).await;
    assert_eq!(assert_flow(&events, "renew"), id, "a renew keeps the integration's id");
    // The workspace in any case still names the same integration (UUIDs are written lowercase).
    let upper = renew_secret("customer1234", &WORKSPACE.to_uppercase(), &id.to_uppercase());
    assert_eq!(assert_flow(&sandbox.connect("jira", &upper).await, "renew"), id);
    let list = sandbox.integrations().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["renewals"], 2);
    assert!(list[0]["renewed_at"].is_u64());
}

#[tokio::test]
async fn renew_of_an_unknown_integration_is_an_error_event() {
    let sandbox = start().await;
    let unknown = "00000000-0000-4000-8000-000000000000";
    let message = assert_error(
        &sandbox.connect("jira", &renew_secret("customer1234", WORKSPACE, unknown)).await,
        "UNKNOWN_INTEGRATION",
        "UnknownIntegration",
    );
    assert!(message.starts_with("unknown integration 00000000-0000-4000-8000-000000000000"), "{message}");

    // A known id, but for another customer, workspace or connector, is unknown too.
    let id = assert_flow(&sandbox.connect("jira", &connect_secret("customer1234")).await, "connect");
    for (connector, secret) in [
        ("jira", renew_secret("customer9", WORKSPACE, &id)),
        ("jira", renew_secret("customer1234", OTHER_WORKSPACE, &id)),
        ("slack", renew_secret("customer1234", WORKSPACE, &id)),
    ] {
        let message =
            assert_error(&sandbox.connect(connector, &secret).await, "UNKNOWN_INTEGRATION", "UnknownIntegration");
        assert!(message.contains("belongs to another"), "{message}");
    }
    let list = sandbox.integrations().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["renewals"], 0);
}

/// Signs arbitrary header and claims with the TEST-ONLY key, bypassing the core signer's checks.
fn raw_token(claims: &Value, kid: Option<&str>) -> String {
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(key_file("TEST-ONLY-main-private-pkcs8.pem").as_bytes()).unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn every_verifier_error_arrives_as_an_error_event_with_its_kind_and_code() {
    let sandbox = start().await;
    let good = connect_secret("customer1234");
    let claims = json!({"customer_id": "customer1234", "workspace_id": WORKSPACE});

    // BadSignature: one character of the signature changed, and a secret signed with another key.
    let mut tampered = good.clone().into_bytes();
    let middle = good.rfind('.').unwrap() + 10;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let other = Signer::new(&key_file("TEST-ONLY-other-private-pkcs8.pem"))
        .unwrap()
        .connect_secret(
            &ConnectRequest { customer_id: "customer1234", workspace_id: WORKSPACE, name: None },
            &MintOptions::default(),
        )
        .unwrap();
    // A forged payload under the genuine header and signature.
    let parts: Vec<&str> = good.split('.').collect();
    let forged_payload =
        b64url(br#"{"customer_id":"customer9999","workspace_id":"11111111-2222-3333-aaaa-eeeeeeeeeeee"}"#);
    let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);

    let expired = signer()
        .connect_secret(
            &ConnectRequest { customer_id: "customer1234", workspace_id: WORKSPACE, name: None },
            &MintOptions { expiry: Expiry::In(60), now: Some(now() - 3600), ..MintOptions::default() },
        )
        .unwrap();
    let unknown_kid = signer()
        .connect_secret(
            &ConnectRequest { customer_id: "customer1234", workspace_id: WORKSPACE, name: None },
            &MintOptions { key_id: Some("rotated-away".into()), ..MintOptions::default() },
        )
        .unwrap();
    let none_alg = format!("{}.{}.", b64url(br#"{"alg":"none","typ":"JWT"}"#), b64url(claims.to_string().as_bytes()));
    let hs256 = format!(
        "{}.{}.{}",
        b64url(br#"{"alg":"HS256","typ":"JWT"}"#),
        b64url(claims.to_string().as_bytes()),
        b64url(b"mac")
    );
    let not_yet =
        raw_token(&json!({"customer_id": "customer1234", "workspace_id": WORKSPACE, "nbf": now() + 3600}), None);
    let bad_customer = raw_token(&json!({"customer_id": "customer-1234", "workspace_id": WORKSPACE}), None);
    let missing_workspace = raw_token(&json!({"customer_id": "customer1234"}), None);
    let unknown_claim =
        raw_token(&json!({"customer_id": "customer1234", "workspace_id": WORKSPACE, "admin": true}), None);
    let string_exp =
        raw_token(&json!({"customer_id": "customer1234", "workspace_id": WORKSPACE, "exp": "2000000000"}), None);

    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("one character of the signature changed", tampered, "BAD_SIGNATURE", "BadSignature"),
        ("signed with another key", other, "BAD_SIGNATURE", "BadSignature"),
        ("payload forged", forged, "BAD_SIGNATURE", "BadSignature"),
        ("expired", expired, "EXPIRED", "Expired"),
        ("nbf in the future", not_yet, "NOT_YET_VALID", "NotYetValid"),
        ("kid of no key", unknown_kid, "UNKNOWN_KEY", "UnknownKey"),
        ("alg none", none_alg, "UNSUPPORTED_ALGORITHM", "UnsupportedAlgorithm"),
        ("alg HS256", hs256, "UNSUPPORTED_ALGORITHM", "UnsupportedAlgorithm"),
        ("not a secret", "not a secret".into(), "MALFORMED_SECRET", "MalformedSecret"),
        ("empty", String::new(), "MALFORMED_SECRET", "MalformedSecret"),
        (
            "over 8 KiB",
            format!("{}.{}.{}", "a".repeat(3000), "b".repeat(3000), "c".repeat(3000)),
            "MALFORMED_SECRET",
            "MalformedSecret",
        ),
        ("padded base64", format!("{good}="), "MALFORMED_SECRET", "MalformedSecret"),
        ("customer_id with '-'", bad_customer, "INVALID_CLAIM/customer_id", "InvalidClaim"),
        ("no workspace_id", missing_workspace, "INVALID_CLAIM/workspace_id", "InvalidClaim"),
        ("unknown claim", unknown_claim, "INVALID_CLAIM/admin", "InvalidClaim"),
        ("string exp", string_exp, "INVALID_CLAIM/exp", "InvalidClaim"),
    ];
    for (what, secret, code, kind) in cases {
        let events = sandbox.connect("jira", &secret).await;
        let message = assert_error(&events, code, kind);
        // The verifier's own message, and never the secret itself.
        assert!(secret.len() < 20 || !message.contains(&secret), "{what}: the message quotes the secret");
        println!("{what}: {code}: {message}");
    }
    let bad_customer_events = sandbox
        .connect("jira", &raw_token(&json!({"customer_id": "customer-1234", "workspace_id": WORKSPACE}), None))
        .await;
    assert_eq!(bad_customer_events[0]["claim"], "customer_id");
    assert_eq!(bad_customer_events[0]["reason"], "invalid_character");
    assert!(bad_customer_events[0]["message"].as_str().unwrap().contains("found '-' at position 8"));
    let expired_message = sandbox
        .connect(
            "jira",
            &signer()
                .connect_secret(
                    &ConnectRequest { customer_id: "c1", workspace_id: WORKSPACE, name: None },
                    &MintOptions { expiry: Expiry::In(60), now: Some(now() - 3600), ..MintOptions::default() },
                )
                .unwrap(),
        )
        .await[0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(expired_message.starts_with("expired ") && expired_message.contains("leeway 60 s"), "{expired_message}");

    // None of them created an integration, and the service still works.
    assert!(sandbox.integrations().await.is_empty());
    assert_flow(&sandbox.connect("jira", &good).await, "connect");
}

#[tokio::test]
async fn a_required_kind_refuses_the_other_kind() {
    let sandbox = start().await;
    let id = assert_flow(&sandbox.connect("jira", &connect_secret("customer1")).await, "connect");
    let renew = renew_secret("customer1", WORKSPACE, &id);
    let events = sandbox.connect_body(json!({"connector": "jira", "secret": renew, "expect": "connect"})).await;
    assert_error(&events, "INVALID_CLAIM/integration_id", "InvalidClaim");
    assert_eq!(events[0]["reason"], "wrong_kind");
    let events = sandbox
        .connect_body(json!({"connector": "jira", "secret": connect_secret("customer1"), "expect": "renew"}))
        .await;
    assert_error(&events, "INVALID_CLAIM/integration_id", "InvalidClaim");
    assert_flow(&sandbox.connect_body(json!({"connector": "jira", "secret": renew, "expect": "renew"})).await, "renew");
}

#[tokio::test]
async fn malformed_requests_get_a_json_4xx_and_the_service_survives_them() {
    let sandbox = start().await;
    let secret = connect_secret("customer1234");
    let json_type = Some("application/json");
    let body = |value: Value| value.to_string().into_bytes();
    type Case<'a> = (&'a str, Option<&'a str>, Vec<u8>, u16, &'a str);
    let cases: Vec<Case> = vec![
        ("not JSON", json_type, b"connector=jira".to_vec(), 400, "BAD_REQUEST"),
        ("empty body", json_type, Vec::new(), 400, "BAD_REQUEST"),
        ("a JSON array", json_type, body(json!([1, 2])), 400, "BAD_REQUEST"),
        ("no secret", json_type, body(json!({"connector": "jira"})), 400, "BAD_REQUEST"),
        ("no connector", json_type, body(json!({"secret": secret})), 400, "BAD_REQUEST"),
        ("numeric secret", json_type, body(json!({"connector": "jira", "secret": 42})), 400, "BAD_REQUEST"),
        ("empty connector", json_type, body(json!({"connector": "", "secret": secret})), 400, "BAD_REQUEST"),
        (
            "connector with a space",
            json_type,
            body(json!({"connector": "ji ra", "secret": secret})),
            400,
            "BAD_REQUEST",
        ),
        (
            "config not an object",
            json_type,
            body(json!({"connector": "jira", "secret": secret, "config": "x"})),
            400,
            "BAD_REQUEST",
        ),
        (
            "unknown member",
            json_type,
            body(json!({"connector": "jira", "secret": secret, "extra": 1})),
            400,
            "BAD_REQUEST",
        ),
        (
            "bad expect",
            json_type,
            body(json!({"connector": "jira", "secret": secret, "expect": "both"})),
            400,
            "BAD_REQUEST",
        ),
        ("invalid UTF-8", json_type, vec![b'{', 0xff, 0xfe, b'}'], 400, "BAD_REQUEST"),
        ("no content type", None, body(json!({"connector": "jira", "secret": secret})), 415, "UNSUPPORTED_MEDIA_TYPE"),
        (
            "text/plain",
            Some("text/plain"),
            body(json!({"connector": "jira", "secret": secret})),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        ("1 MB body", json_type, vec![b' '; 1024 * 1024], 413, "PAYLOAD_TOO_LARGE"),
        (
            "1 MB secret",
            json_type,
            body(json!({"connector": "jira", "secret": "a".repeat(1024 * 1024)})),
            413,
            "PAYLOAD_TOO_LARGE",
        ),
    ];
    for (what, content_type, payload, status, code) in cases {
        let (got_status, error) = sandbox.raw(content_type, payload).await;
        assert_eq!(got_status, status, "{what}: {error}");
        assert_eq!(error["type"], "error", "{what}");
        assert_eq!(error["status"], "error", "{what}");
        assert_eq!(error["code"], code, "{what}: {error}");
        assert_eq!(error["kind"], "BadRequest", "{what}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}");
    }
    // A charset parameter is fine.
    let (status, _) = {
        let response = sandbox
            .client
            .post(format!("{}/v1/connect", sandbox.base))
            .header("content-type", "application/json; charset=utf-8")
            .body(json!({"connector": "jira", "secret": secret}).to_string())
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    };
    assert_eq!(status, 200);

    // Unknown paths and wrong methods are JSON 4xx too.
    let response = sandbox.client.get(format!("{}/v2/nothing", sandbox.base)).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.json::<Value>().await.unwrap()["code"], "NOT_FOUND");
    let response = sandbox.client.get(format!("{}/v1/connect", sandbox.base)).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.json::<Value>().await.unwrap()["code"], "METHOD_NOT_ALLOWED");

    // Still serving.
    assert_flow(&sandbox.connect("jira", &secret).await, "connect");
}

#[tokio::test]
async fn many_concurrent_connects_are_served() {
    let sandbox = start().await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let client = sandbox.client.clone();
        let url = format!("{}/v1/connect", sandbox.base);
        let secret = connect_secret(&format!("customer{i}"));
        tasks.push(tokio::spawn(async move {
            let text = client
                .post(url)
                .json(&json!({"connector": "jira", "secret": secret}))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["type"].clone()).collect::<Vec<_>>()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), vec![json!("READY"), json!("IMPORT_DONE")]);
    }
    assert_eq!(sandbox.integrations().await.len(), 20);
}

#[tokio::test]
async fn sdk_js_and_cors() {
    let sandbox = start().await;
    let response = sandbox.client.get(format!("{}/sdk.js", sandbox.base)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let script = response.text().await.unwrap();
    assert!(script.contains("window.connect = connect"));
    assert!(script.contains("document.currentScript"));

    // A page of another origin may call the service: the preflight and the answer allow it.
    let preflight = sandbox
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/v1/connect", sandbox.base))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert!(preflight.headers()["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    assert!(preflight.headers()["access-control-allow-headers"].to_str().unwrap().contains("content-type"));
    let response = sandbox
        .client
        .post(format!("{}/v1/connect", sandbox.base))
        .header("origin", "http://localhost:3000")
        .json(&json!({"connector": "jira", "secret": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");

    // The index names the key by fingerprint only.
    let index: Value = sandbox.client.get(&sandbox.base).send().await.unwrap().json().await.unwrap();
    assert_eq!(index["keys"][0]["fingerprint"], signer().fingerprint());
    assert!(!index.to_string().contains("BEGIN"));
}

#[tokio::test]
async fn invalid_keys_and_busy_ports_are_errors_at_start() {
    for text in ["", "not a key", &key_file("TEST-ONLY-ec-p256-private.pem")] {
        let config = SandboxConfig { public_keys: text.to_owned(), port: 0, ..SandboxConfig::default() };
        let error = serve(config).await.expect_err("refused");
        assert!(matches!(error, SandboxError::InvalidKey(_)), "{error}");
        assert!(error.to_string().starts_with("cannot use the public key: invalid key"), "{error}");
    }
    let sandbox = start().await;
    let taken: SocketAddr = sandbox.base.trim_start_matches("http://").parse().unwrap();
    let config = SandboxConfig {
        public_keys: key_file("TEST-ONLY-main-public-spki.pem"),
        host: taken.ip(),
        port: taken.port(),
        ..SandboxConfig::default()
    };
    let error = serve(config).await.expect_err("the port is taken");
    assert!(matches!(error, SandboxError::Bind { .. }), "{error}");
    assert!(error.to_string().contains(&taken.to_string()));
}

#[tokio::test]
async fn several_keys_for_rotation() {
    let keys = format!("{}{}", key_file("TEST-ONLY-other-public-spki.pem"), key_file("TEST-ONLY-main-public-spki.pem"));
    let config = SandboxConfig { public_keys: keys, port: 0, import_delay: Duration::ZERO, ..SandboxConfig::default() };
    let (address, server) = serve(config).await.unwrap();
    let sandbox = Sandbox { base: format!("http://{address}"), client: reqwest::Client::new(), server };
    assert_flow(&sandbox.connect("jira", &connect_secret("customer1")).await, "connect");
}

#[test]
fn defaults() {
    let config = SandboxConfig::default();
    assert_eq!(config.host.to_string(), "127.0.0.1");
    assert_eq!(config.port, 8787);
    assert_eq!(config.import_delay, Duration::from_millis(300));
    assert!(config.public_keys.is_empty());
}
