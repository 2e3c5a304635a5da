//! # munity-secrets-sandbox
//!
//! A local stand-in of Munity's connect service, so that a developer can try the whole connect flow
//! on their own machine: their backend mints a secret, their page calls `connect(...)` from the
//! script this service serves, and the service verifies the secret with the core's [`Verifier`]
//! (every rule of the spec) and answers with the events of the flow.
//!
//! The command line runs it as `munity-secrets sandbox --public-key FILE [--port 8787]`; Rust code
//! embeds it with [`serve`] (tests) or [`run`] (blocking).
//!
//! ## Endpoints
//!
//! | method and path | what it does |
//! | --- | --- |
//! | `GET /` | what this is, and the fingerprints of the keys it verifies with (JSON) |
//! | `GET /sdk.js` | the browser script: `window.connect(connector, secret, callback, config = {})` |
//! | `POST /v1/connect` | `{"connector", "secret", "config"}` (JSON): verifies, then streams the events |
//! | `GET /v1/integrations` | `{"integrations": [...]}`: the in-memory registry |
//!
//! ## The event stream
//!
//! `POST /v1/connect` answers `200` with `Content-Type: application/x-ndjson`: one JSON object per
//! line, each line ending in `\n`, sent as the flow goes (a chunked response that a page reads with
//! `fetch` and a `ReadableStream`). Every event has `type` and `status` (the same value: the
//! front-end documentation names the field both ways) and `message`:
//!
//! - `READY`: the secret was accepted; carries `integration_id`, `connector`, `workspace_id`,
//!   `customer_id` and `secret_kind` (`connect` or `renew`);
//! - `IMPORT_DONE`: after the simulated import delay, the same fields; the stream ends;
//! - `error`: carries `code` (the core's `code()`, e.g. `BAD_SIGNATURE`, `INVALID_CLAIM/customer_id`)
//!   and `kind` (the spec's kind, e.g. `BadSignature`); the stream ends. A renew secret that names no
//!   known integration gets `code` `UNKNOWN_INTEGRATION`, `kind` `UnknownIntegration`.
//!
//! A request that is not well formed (not JSON, wrong content type, a missing field, a body over
//! 64 KiB) gets a 4xx answer with one JSON object of the same shape as an `error` event
//! (`code` `BAD_REQUEST`, `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE`, ...; `kind` `BadRequest`).
//!
//! ## Registry
//!
//! One integration per (workspace_id, customer_id, connector). A connect secret creates one with a
//! new UUID v4 `integration_id` (replacing an earlier one of the same key); a renew secret must name
//! the integration of its own workspace, customer and connector. Nothing is written to disk; past
//! [`MAX_INTEGRATIONS`], a new connect forgets the oldest integration.
//!
//! ## Network
//!
//! It listens on 127.0.0.1 by default. CORS allows any origin: the page that calls it is served by
//! the developer's backend, another origin (`http://localhost:3000`, ...), and the service holds no
//! credentials and nothing private: it is a loopback tool for development, never a production service.
//!
//! ```no_run
//! # async fn demo() -> Result<(), munity_secrets_sandbox::SandboxError> {
//! use munity_secrets_sandbox::{serve, SandboxConfig};
//! let config = SandboxConfig {
//!     public_keys: std::fs::read_to_string("public.pem").unwrap(),
//!     port: 0, // an ephemeral port
//!     ..SandboxConfig::default()
//! };
//! let (address, server) = serve(config).await?;
//! println!("sandbox on http://{address}");
//! server.await.ok();
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod registry;

pub use registry::{Integration, IntegrationStatus, MAX_INTEGRATIONS};

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use munity_secrets::{ErrorKind, MunitySecretError, SecretKind, Verifier, VerifyOptions};
use registry::Registry;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::CorsLayer;

/// The port the sandbox listens on by default.
pub const DEFAULT_PORT: u16 = 8787;
/// The simulated import delay by default.
pub const DEFAULT_IMPORT_DELAY: Duration = Duration::from_millis(300);
/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The browser script served at `GET /sdk.js`.
pub const SDK_JS: &str = include_str!("sdk.js");

/// How the sandbox is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// The workspace's public key(s) as text: PEM, JWK or JWK Set, as [`Verifier::new`] takes them.
    pub public_keys: String,
    /// The address to listen on: 127.0.0.1 by default.
    pub host: IpAddr,
    /// The port: 8787 by default; 0 picks a free one.
    pub port: u16,
    /// How long the simulated import takes between `READY` and `IMPORT_DONE`: 300 ms by default.
    pub import_delay: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            public_keys: String::new(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            import_delay: DEFAULT_IMPORT_DELAY,
        }
    }
}

/// Why the sandbox could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The public key text could not be used.
    #[error("cannot use the public key: {0}")]
    InvalidKey(#[from] MunitySecretError),
    /// The address could not be bound (in use, not permitted, ...).
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The async runtime could not be built.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// The server failed while serving.
    #[error("the sandbox stopped: {0}")]
    Serve(std::io::Error),
}

struct AppState {
    verifier: Verifier,
    import_delay: Duration,
    registry: Registry,
    log: bool,
}

/// Builds the service's router (without binding), for embedding it in another axum application.
pub fn router(config: &SandboxConfig) -> Result<Router, SandboxError> {
    build_router(config, false)
}

fn build_router(config: &SandboxConfig, log: bool) -> Result<Router, SandboxError> {
    let verifier = Verifier::new(&config.public_keys)?;
    let state = Arc::new(AppState { verifier, import_delay: config.import_delay, registry: Registry::default(), log });
    let cors = CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE])
        .allow_private_network(true);
    Ok(Router::new()
        .route("/", get(index))
        .route("/sdk.js", get(sdk_js))
        .route("/v1/connect", post(connect))
        .route("/v1/integrations", get(integrations))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors)
        .with_state(state))
}

/// Binds `config.host:config.port` and serves on the current tokio runtime. Returns the bound
/// address (the real port when `port` is 0) and the task that serves; aborting the task stops the
/// service. Prints nothing.
pub async fn serve(config: SandboxConfig) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), SandboxError> {
    serve_inner(config, false).await
}

async fn serve_inner(
    config: SandboxConfig,
    log: bool,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), SandboxError> {
    let app = build_router(&config, log)?;
    let wanted = SocketAddr::new(config.host, config.port);
    let listener =
        tokio::net::TcpListener::bind(wanted).await.map_err(|source| SandboxError::Bind { address: wanted, source })?;
    let address = listener.local_addr().map_err(|source| SandboxError::Bind { address: wanted, source })?;
    let handle = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("sandbox: the server stopped: {error}");
        }
    });
    Ok((address, handle))
}

/// Runs the sandbox until the process is stopped (or gets Ctrl-C), on a runtime of its own. Prints
/// `sandbox listening on http://HOST:PORT` to stdout once it accepts connections, and one line per
/// connect request to stderr (the connector and the outcome's kind, never a secret).
pub fn run(config: SandboxConfig) -> Result<(), SandboxError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    runtime.block_on(async move {
        let loopback = config.host.is_loopback();
        let (address, server) = serve_inner(config, true).await?;
        if !loopback {
            eprintln!(
                "sandbox: warning: listening on {address}, not a loopback address: anyone who can reach it can use it"
            );
        }
        println!("sandbox listening on http://{address}");
        tokio::select! {
            result = server => result.map_err(|e| SandboxError::Serve(std::io::Error::other(e))),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

// ----- handlers -----

async fn index(State(state): State<Arc<AppState>>) -> Json<Value> {
    let keys: Vec<Value> = state
        .verifier
        .keys()
        .iter()
        .map(|key| json!({ "fingerprint": key.fingerprint(), "kid": key.key_id() }))
        .collect();
    Json(json!({
        "service": "munity-secrets sandbox: a local stand-in of Munity's connect service, for development only",
        "endpoints": {
            "GET /sdk.js": "the browser script: window.connect(connector, secret, callback, config = {})",
            "POST /v1/connect": "{connector, secret, config} as JSON; answers a stream of JSON lines (application/x-ndjson)",
            "GET /v1/integrations": "the integrations connected since the sandbox started",
        },
        "keys": keys,
        "import_delay_ms": u64::try_from(state.import_delay.as_millis()).unwrap_or(u64::MAX),
    }))
}

async fn sdk_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        SDK_JS,
    )
        .into_response()
}

async fn integrations(State(state): State<Arc<AppState>>) -> Response {
    let list = state.registry.list();
    ([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Json(json!({ "integrations": list })))
        .into_response()
}

async fn not_found() -> Response {
    request_error(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        "no such endpoint: the sandbox serves GET /, GET /sdk.js, POST /v1/connect and GET /v1/integrations",
    )
}

async fn method_not_allowed() -> Response {
    request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "method not allowed: use POST for /v1/connect and GET for the other endpoints",
    )
}

/// The body of `POST /v1/connect`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectBody {
    connector: String,
    secret: String,
    #[serde(default)]
    config: Value,
    /// Optional: the kind of secret the page expects (`connect` or `renew`); the verifier then
    /// refuses the other kind (`INVALID_CLAIM/integration_id`).
    #[serde(default)]
    expect: Option<String>,
}

const MAX_CONNECTOR_LEN: usize = 64;

fn check_connector(connector: &str) -> Result<(), String> {
    let valid = !connector.is_empty()
        && connector.len() <= MAX_CONNECTOR_LEN
        && connector.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "connector must be 1 to {MAX_CONNECTOR_LEN} ASCII letters, digits, '_', '-' or '.' (e.g. \"jira\")"
        ))
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

async fn connect(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let request = match parse_connect(&headers, body) {
        Ok(request) => request,
        Err(response) => return response,
    };
    let ConnectBody { connector, secret, config, expect } = request;

    let options = VerifyOptions {
        expect: match expect.as_deref() {
            None => None,
            Some(text) => match text.parse::<SecretKind>() {
                Ok(kind) => Some(kind),
                Err(message) => {
                    return request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("expect: {message}"))
                }
            },
        },
        ..VerifyOptions::default()
    };
    let verified = match state.verifier.verify(&secret, &options) {
        Ok(verified) => verified,
        Err(error) => {
            if state.log {
                eprintln!("sandbox: connect {connector}: error {}", error.code());
            }
            return event_stream(vec![verifier_error_event(&error)], None);
        }
    };

    let integration = match verified.kind {
        SecretKind::Connect => state.registry.connect(
            &verified.workspace_id,
            &verified.customer_id,
            &connector,
            verified.name.clone(),
            config,
        ),
        SecretKind::Renew => {
            let integration_id = verified.integration_id.as_deref().unwrap_or_default();
            match state.registry.renew(
                &verified.workspace_id,
                &verified.customer_id,
                &connector,
                integration_id,
                config,
            ) {
                Ok(integration) => integration,
                Err(unknown) => {
                    if state.log {
                        eprintln!("sandbox: connect {connector}: error UNKNOWN_INTEGRATION");
                    }
                    return event_stream(
                        vec![error_event(&unknown.message, "UNKNOWN_INTEGRATION", "UnknownIntegration")],
                        None,
                    );
                }
            }
        }
    };
    if state.log {
        eprintln!(
            "sandbox: connect {connector}: READY ({} secret, integration {})",
            verified.kind, integration.integration_id
        );
    }

    let ready = flow_event(
        "READY",
        &format!(
            "{} secret accepted: integration {} is ready; importing data",
            verified.kind, integration.integration_id
        ),
        &integration,
        verified.kind,
    );
    let done = flow_event(
        "IMPORT_DONE",
        &format!("integration {}: the import is done", integration.integration_id),
        &integration,
        verified.kind,
    );
    // The import runs on its own task, so that the registry is updated even if the page goes away.
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let task_state = Arc::clone(&state);
    tokio::spawn(async move {
        tokio::time::sleep(task_state.import_delay).await;
        task_state.registry.import_done(&integration);
        let _ = sender.send(done);
    });
    event_stream(vec![ready], Some(receiver))
}

#[allow(clippy::result_large_err)]
fn parse_connect(headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<ConnectBody, Response> {
    let body = body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            request_error(
                status,
                "PAYLOAD_TOO_LARGE",
                &format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
            )
        } else {
            request_error(status, "BAD_REQUEST", &format!("cannot read the request body: {}", rejection.body_text()))
        }
    })?;
    if !is_json(headers) {
        return Err(request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "the request body must be JSON, sent with Content-Type: application/json",
        ));
    }
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("the request body is not valid JSON: {e}"))
    })?;
    if !value.is_object() {
        return Err(request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the request body must be a JSON object {\"connector\", \"secret\", \"config\"}",
        ));
    }
    let request: ConnectBody = serde_json::from_value(value).map_err(|e| {
        request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            &format!("the request body must be {{\"connector\": string, \"secret\": string, \"config\": object}}: {e}"),
        )
    })?;
    check_connector(&request.connector).map_err(|m| request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", &m))?;
    match &request.config {
        Value::Null => Ok(ConnectBody { config: Value::Object(Map::new()), ..request }),
        Value::Object(_) => Ok(request),
        _ => Err(request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", "config must be a JSON object (or absent)")),
    }
}

// ----- events -----

/// The spec's name of an error kind (`BadSignature`, ...).
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidKey => "InvalidKey",
        ErrorKind::InvalidClaim => "InvalidClaim",
        ErrorKind::MalformedSecret => "MalformedSecret",
        ErrorKind::UnsupportedAlgorithm => "UnsupportedAlgorithm",
        ErrorKind::BadSignature => "BadSignature",
        ErrorKind::UnknownKey => "UnknownKey",
        ErrorKind::Expired => "Expired",
        ErrorKind::NotYetValid => "NotYetValid",
    }
}

fn error_event(message: &str, code: &str, kind: &str) -> Value {
    json!({ "type": "error", "status": "error", "message": message, "code": code, "kind": kind })
}

fn verifier_error_event(error: &MunitySecretError) -> Value {
    let mut event = error_event(&error.to_string(), &error.code(), kind_name(error.kind()));
    if let MunitySecretError::InvalidClaim { claim, reason, .. } = error {
        event["claim"] = json!(claim);
        event["reason"] = json!(reason.code());
    }
    event
}

fn flow_event(kind: &str, message: &str, integration: &Integration, secret_kind: SecretKind) -> Value {
    json!({
        "type": kind,
        "status": kind,
        "message": message,
        "integration_id": integration.integration_id,
        "connector": integration.connector,
        "workspace_id": integration.workspace_id,
        "customer_id": integration.customer_id,
        "secret_kind": secret_kind.as_str(),
    })
}

fn line(event: &Value) -> Bytes {
    let mut text = event.to_string();
    text.push('\n');
    Bytes::from(text)
}

/// A `200` NDJSON response: the events now, then the one `later` sends (if any), then the end.
fn event_stream(now: Vec<Value>, later: Option<tokio::sync::oneshot::Receiver<Value>>) -> Response {
    let first = futures_util::stream::iter(now.iter().map(line).collect::<Vec<_>>());
    let rest = futures_util::stream::iter(later).then(|receiver| async move {
        match receiver.await {
            Ok(event) => line(&event),
            Err(_) => line(&error_event("the simulated import was interrupted", "INTERNAL", "Internal")),
        }
    });
    let body = Body::from_stream(first.chain(rest).map(Ok::<Bytes, Infallible>));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        body,
    )
        .into_response()
}

/// A 4xx answer: one JSON object shaped like an `error` event.
fn request_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(error_event(message, code, "BadRequest"))).into_response()
}
