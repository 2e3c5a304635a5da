// Types of @munityapps/secrets/express (express.js). The Express types come from @types/express (4 or 5), which
// a TypeScript Express application already has.
import type { Request, Router } from 'express'
import type { SecretEndpointOptions } from './http.js'

export type { CustomerContext, CustomerResult, MunityCustomer, SecretBody, SecretErrorBody, SecretErrorCode } from './http.js'

/** The options of `munityRouter`: the endpoint's, with Express's request, and optionally the express module. */
export interface MunityRouterOptions extends SecretEndpointOptions<Request> {
  /** The express module to build the Router with; by default `require('express')`, resolved lazily. */
  express?: { Router: (...args: any[]) => Router }
}

/**
 * An Express Router with `GET /secret?connector=…` answering `{ secret, expiresAt }` (Cache-Control: no-store):
 * 401 when `customerFor` names nobody, 400 for a missing or invalid connector, 500 when no secret can be minted.
 * Throws at once when the signer, its certificate, the workspace or the lifetime is unusable.
 */
export declare function munityRouter(options: MunityRouterOptions): Router
