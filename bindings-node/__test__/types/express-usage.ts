// Compiled by express-types.test.js under tsc --strict (module node16, CommonJS), against @types/express 5 and 4:
// the declarations of @munityapps/secrets/express and @munityapps/secrets/http, as applications use them.
import express = require('express')
import type { Request, Router } from 'express'
import { Signer } from '@munityapps/secrets'
import { munityRouter, type MunityRouterOptions } from '@munityapps/secrets/express'
import {
  createSecretEndpoint,
  createSecretHandler,
  CONNECTOR_PATTERN,
  type SecretAnswer,
  type SecretBody,
  type SecretErrorBody,
} from '@munityapps/secrets/http'

interface User {
  id: number
  displayName: string
}
declare module 'express-serve-static-core' {
  interface Request {
    user?: User
  }
}

const signer = new Signer('PEM', { workspaceId: '11111111-2222-3333-aaaa-eeeeeeeeeeee' })
const app = express()

// The one line, with a bound signer (or Signer.fromEnv() when signer is left out).
const router: Router = munityRouter({ signer, customerFor: (req) => req.user && String(req.user.id) })
app.use('/munity', router)

// Every option; customerFor async, with a name, told the connector.
const options: MunityRouterOptions = {
  express,
  signer: new Signer('PEM'),
  workspaceId: '11111111-2222-3333-aaaa-eeeeeeeeeeee',
  customerFor: async (req: Request, { connector }) => (req.user ? { customerId: `user${req.user.id}`, name: `${req.user.displayName} (${connector})` } : null),
  lifetime: 600,
  onError: (error, req) => console.error(req.path, error),
}
app.use('/munity', munityRouter(options))
app.use(munityRouter({ customerFor: () => false }))

// @ts-expect-error customerFor is required
munityRouter({ signer })
// @ts-expect-error lifetime is a number of seconds
munityRouter({ signer, customerFor: () => 'c', lifetime: '600' })
// @ts-expect-error lifetime null (no expiry) is not offered by the endpoint
munityRouter({ signer, customerFor: () => 'c', lifetime: null })
// @ts-expect-error a customer id is a string
munityRouter({ signer, customerFor: () => 42 })
// @ts-expect-error the signer is a Signer, not the certificate
munityRouter({ signer: 'PEM', customerFor: () => 'c' })

// Next.js route handler / Hono: (Request) => Promise<Response>.
export const GET: (request: Request_) => Promise<Response> = createSecretHandler({
  customerFor: async (request) => request.headers.get('x-user'),
})
type Request_ = globalThis.Request

// Any framework: { status, headers, body }.
const endpoint = createSecretEndpoint<{ session?: { customer: string } }>({ signer, customerFor: (ctx) => ctx.session?.customer })
void endpoint({ session: { customer: 'c1' } }, 'jira').then((answer: SecretAnswer) => {
  const status: number = answer.status
  const cache: string | undefined = answer.headers['Cache-Control']
  if (status === 200) {
    const { secret, expiresAt } = answer.body as SecretBody
    const when: Date = new Date(expiresAt)
    void [secret, when, cache]
  } else {
    const code: 'INVALID_CONNECTOR' | 'UNAUTHENTICATED' | 'METHOD_NOT_ALLOWED' | 'SECRET_UNAVAILABLE' = (answer.body as SecretErrorBody).error
    void code
  }
})
const valid: boolean = CONNECTOR_PATTERN.test('jira')
void valid
