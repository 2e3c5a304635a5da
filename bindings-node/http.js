'use strict'
// @munityapps/secrets/http: the secret endpoint without a framework. A page asks its backend for a secret
// (`GET …/secret?connector=jira`) and gets `{ secret, expiresAt }`; this module decides every answer:
//
//   createSecretEndpoint(options) -> async (request, connector) => { status, headers, body }   (any framework)
//   createSecretHandler(options)  -> async (request: Request) => Response                     (WHATWG: Next.js,
//                                                                                               Hono, Remix, Bun…)
// The Express router (express.js) is built on createSecretEndpoint. Minting, and every rule about claims and
// lifetimes, is the core's (Signer#mintAsync); this module only maps its outcome to HTTP.

const { CONNECTOR_PATTERN, configure, endpoint, errorAnswer } = require('./endpoint.js')

/**
 * The endpoint for any framework: `await secretAnswer(request, connector)` -> `{ status, headers, body }`
 * (`body` a plain object to send as JSON). An error thrown by customerFor rejects the Promise.
 */
function createSecretEndpoint(options) {
  return endpoint(configure(options, 'createSecretEndpoint'), { catchCustomerErrors: false })
}

/**
 * A WHATWG handler, `(request: Request) => Promise<Response>`: Next.js route handlers (`export const GET =`),
 * Hono (`c.req.raw`), Remix, Bun, Deno. GET (and HEAD) with `?connector=` given once; other methods 405.
 * It always answers: an error thrown by customerFor is a 500 (after onError), like the core's errors.
 */
function createSecretHandler(options) {
  const secretAnswer = endpoint(configure(options, 'createSecretHandler'), { catchCustomerErrors: true })
  return async function handleSecretRequest(request) {
    const method = request.method
    let result
    if (method !== 'GET' && method !== 'HEAD') {
      result = errorAnswer('METHOD_NOT_ALLOWED', { Allow: 'GET, HEAD' })
    } else {
      const values = new URL(request.url).searchParams.getAll('connector')
      result = await secretAnswer(request, values.length === 1 ? values[0] : undefined)
    }
    return new Response(method === 'HEAD' ? null : JSON.stringify(result.body), { status: result.status, headers: result.headers })
  }
}

module.exports = { createSecretEndpoint, createSecretHandler, CONNECTOR_PATTERN }
