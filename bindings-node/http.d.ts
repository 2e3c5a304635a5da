// Types of @munityapps/secrets/http (http.js): the secret endpoint without a framework.
import type { Signer } from './index.js'

/** The customer a request is for: the id alone, or with the display name written into the secret's `name`. */
export interface MunityCustomer {
  /** The product's id for the customer: 1 to 255 ASCII letters and digits (e.g. `String(user.id)`). */
  customerId: string
  name?: string | null
}

/** What `customerFor` gives: a customer, or nobody (null, undefined, false or ''): a 401. */
export type CustomerResult = string | MunityCustomer | null | undefined | false

/** What `customerFor` is told besides the request. */
export interface CustomerContext {
  /** The connector asked for, already checked against CONNECTOR_PATTERN. */
  connector: string
}

/** The options of `createSecretEndpoint`, `createSecretHandler` and `munityRouter`; `Req` is the framework's request. */
export interface SecretEndpointOptions<Req> {
  /** The workspace certificate, parsed once; `Signer.fromEnv()` (MUNITY_CERTIFICATE, MUNITY_WORKSPACE_ID) when absent. */
  signer?: Signer
  /** The Munity workspace; may be left out when the signer is bound to its workspace. */
  workspaceId?: string | null
  /** The signed-in customer of a request, or nobody; may be async. */
  customerFor: (request: Req, context: CustomerContext) => CustomerResult | PromiseLike<CustomerResult>
  /** Lifetime of a secret in whole seconds, 1 to MAX_EXPIRES_IN; DEFAULT_EXPIRES_IN (3600) when absent. */
  lifetime?: number
  /** Told of every request answered 500 (a secret the core refused to mint); by default one console.error line with the error's code. */
  onError?: (error: unknown, request: Req) => void
}

/** The body of a 200 answer. */
export interface SecretBody {
  secret: string
  /** When the secret expires: an ISO 8601 string in UTC, `2026-11-29T01:00:00.000Z`. */
  expiresAt: string
}

/** The error codes of the answers other than 200. */
export type SecretErrorCode = 'INVALID_CONNECTOR' | 'UNAUTHENTICATED' | 'METHOD_NOT_ALLOWED' | 'SECRET_UNAVAILABLE'

/** The body of an answer other than 200: a code and a fixed message (nothing from the request is echoed). */
export interface SecretErrorBody {
  error: SecretErrorCode
  message: string
}

/** An answer: 200, 400, 401, 405 or 500, always with `Cache-Control: no-store` and a JSON content type. */
export interface SecretAnswer {
  status: number
  headers: Record<string, string>
  body: SecretBody | SecretErrorBody
}

/** 1 to 64 ASCII letters, digits, `_`, `-` or `.`: the connector names `connect(connector, …)` takes. */
export declare const CONNECTOR_PATTERN: RegExp

/**
 * The endpoint for any framework: `(request, connector) => Promise<SecretAnswer>`, `body` to send as JSON.
 * Throws at once when the signer, its certificate, the workspace or the lifetime is unusable. An error thrown by
 * `customerFor` rejects the Promise.
 */
export declare function createSecretEndpoint<Req>(
  options: SecretEndpointOptions<Req>,
): (request: Req, connector: string | null | undefined) => Promise<SecretAnswer>

/**
 * A WHATWG handler (Next.js route handlers, Hono, Remix, Bun, Deno): GET or HEAD with `?connector=` once.
 * It always answers; an error thrown by `customerFor` is a 500, after `onError`.
 */
export declare function createSecretHandler(options: SecretEndpointOptions<Request>): (request: Request) => Promise<Response>
