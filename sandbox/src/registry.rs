//! The in-memory registry of integrations, one per (workspace, customer, connector).

use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where an integration stands: `importing` between `READY` and `IMPORT_DONE`, then `ready`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationStatus {
    /// The secret was accepted; the simulated import is running.
    Importing,
    /// The simulated import is done.
    Ready,
}

/// One integration, as `GET /v1/integrations` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Integration {
    /// A UUID v4, made when a connect secret was accepted.
    pub integration_id: String,
    /// The workspace of the secret (lowercase).
    pub workspace_id: String,
    /// The customer of the secret.
    pub customer_id: String,
    /// The connector the page asked for (`jira`, ...).
    pub connector: String,
    /// The secret's `name` claim, when it had one.
    pub name: Option<String>,
    /// The `config` object of the latest connect or renew request.
    pub config: Value,
    /// `importing` or `ready`.
    pub status: IntegrationStatus,
    /// When it was connected, in seconds since the epoch.
    pub created_at: u64,
    /// When it was last renewed, in seconds since the epoch.
    pub renewed_at: Option<u64>,
    /// How many renew secrets it accepted.
    pub renewals: u32,
    /// Bumped by every connect or renew, so that a late import does not mark a newer one ready.
    #[serde(skip)]
    pub(crate) generation: u64,
    /// The generation it was connected with, for listing in connection order.
    #[serde(skip)]
    created_seq: u64,
}

type Key = (String, String, String);

/// The most integrations kept: past it, a new connect forgets the oldest (a bound on memory, far above
/// what a developer's session makes).
pub const MAX_INTEGRATIONS: usize = 10_000;

/// The integrations, keyed by (workspace_id, customer_id, connector).
#[derive(Debug, Default)]
pub(crate) struct Registry {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    by_key: HashMap<Key, Integration>,
    next_generation: u64,
}

/// Why a renew secret was refused.
pub(crate) struct UnknownIntegration {
    pub(crate) message: String,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn key(workspace_id: &str, customer_id: &str, connector: &str) -> Key {
    (workspace_id.to_owned(), customer_id.to_owned(), connector.to_owned())
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the map half-written (every update is one
        // insert or a few field writes), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A connect secret was accepted: a new integration, replacing any of the same key.
    pub(crate) fn connect(
        &self,
        workspace_id: &str,
        customer_id: &str,
        connector: &str,
        name: Option<String>,
        config: Value,
    ) -> Integration {
        let mut inner = self.lock();
        inner.next_generation += 1;
        let integration = Integration {
            integration_id: uuid::Uuid::new_v4().to_string(),
            workspace_id: workspace_id.to_owned(),
            customer_id: customer_id.to_owned(),
            connector: connector.to_owned(),
            name,
            config,
            status: IntegrationStatus::Importing,
            created_at: now(),
            renewed_at: None,
            renewals: 0,
            generation: inner.next_generation,
            created_seq: inner.next_generation,
        };
        let k = key(workspace_id, customer_id, connector);
        if !inner.by_key.contains_key(&k) && inner.by_key.len() >= MAX_INTEGRATIONS {
            let oldest = inner.by_key.iter().min_by_key(|(_, i)| i.created_seq).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                inner.by_key.remove(&oldest);
            }
        }
        inner.by_key.insert(k, integration.clone());
        integration
    }

    /// A renew secret was accepted: it must name the integration of its workspace, customer and connector.
    pub(crate) fn renew(
        &self,
        workspace_id: &str,
        customer_id: &str,
        connector: &str,
        integration_id: &str,
        config: Value,
    ) -> Result<Integration, UnknownIntegration> {
        let mut inner = self.lock();
        inner.next_generation += 1;
        let generation = inner.next_generation;
        let matching = inner
            .by_key
            .get_mut(&key(workspace_id, customer_id, connector))
            .filter(|integration| integration.integration_id == integration_id);
        if let Some(integration) = matching {
            integration.status = IntegrationStatus::Importing;
            integration.renewed_at = Some(now());
            integration.renewals += 1;
            integration.generation = generation;
            if config.as_object().is_some_and(|map| !map.is_empty()) {
                integration.config = config;
            }
            return Ok(integration.clone());
        }
        let elsewhere = inner.by_key.values().any(|i| i.integration_id == integration_id);
        let hint = if elsewhere {
            "that id belongs to another workspace, customer or connector"
        } else {
            "no integration has that id (the sandbox keeps integrations in memory: a restart forgets them)"
        };
        Err(UnknownIntegration {
            message: format!(
                "unknown integration {integration_id} for workspace {workspace_id}, customer {customer_id} and \
                 connector '{connector}': {hint}; connect it first with a connect secret (GET /v1/integrations lists \
                 the known ones)"
            ),
        })
    }

    /// The simulated import of `integration_id` is over: mark it ready unless a newer connect or renew took over.
    pub(crate) fn import_done(&self, integration: &Integration) {
        let mut inner = self.lock();
        let k = key(&integration.workspace_id, &integration.customer_id, &integration.connector);
        if let Some(current) = inner.by_key.get_mut(&k) {
            if current.generation == integration.generation {
                current.status = IntegrationStatus::Ready;
            }
        }
    }

    /// Every integration, oldest first.
    pub(crate) fn list(&self) -> Vec<Integration> {
        let inner = self.lock();
        let mut all: Vec<Integration> = inner.by_key.values().cloned().collect();
        all.sort_by_key(|integration| integration.created_seq);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_bounded_and_forgets_the_oldest() {
        let registry = Registry::default();
        let first = registry.connect("w", "c0", "jira", None, Value::Null);
        for i in 1..=MAX_INTEGRATIONS {
            registry.connect("w", &format!("c{i}"), "jira", None, Value::Null);
        }
        let list = registry.list();
        assert_eq!(list.len(), MAX_INTEGRATIONS);
        assert!(list.iter().all(|i| i.integration_id != first.integration_id));
        assert_eq!(list[0].customer_id, "c1");
        // Replacing an existing key evicts nothing.
        registry.connect("w", "c1", "jira", None, Value::Null);
        assert_eq!(registry.list().len(), MAX_INTEGRATIONS);
        assert_eq!(registry.list().iter().filter(|i| i.customer_id == "c2").count(), 1);
    }
}
