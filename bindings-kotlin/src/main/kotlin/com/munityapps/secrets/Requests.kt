package com.munityapps.secrets

/**
 * The claims of a connect secret.
 *
 * @property customerId your own id for your customer: 1 to 255 ASCII letters and digits.
 * @property workspaceId the Munity workspace, a hyphenated UUID (any case; written lowercase). Leave it
 *   null with a signer bound to its workspace; with a bound signer, another workspace is
 *   `InvalidClaim/workspace_id` (reason `other_workspace`); with an unbound one, null is reason `missing`.
 * @property name an optional display name: 1 to 255 characters, no control characters.
 */
data class ConnectRequest @JvmOverloads constructor(
    val customerId: String,
    val workspaceId: String? = null,
    val name: String? = null,
)

/**
 * The claims of a renew secret, which restores a broken integration: a connect secret's plus
 * [integrationId]. With a bound signer, `RenewRequest(customerId, integrationId = id)` (Java:
 * `new RenewRequest(customerId, integrationId)`).
 *
 * @property customerId as in [ConnectRequest].
 * @property workspaceId as in [ConnectRequest].
 * @property integrationId the integration to restore, a hyphenated UUID.
 * @property name as in [ConnectRequest].
 */
data class RenewRequest @JvmOverloads constructor(
    val customerId: String,
    val workspaceId: String? = null,
    val integrationId: String,
    val name: String? = null,
)
