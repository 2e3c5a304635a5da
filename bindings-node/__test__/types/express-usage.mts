// The ESM side (module node16, an .mts file): the subpath exports resolve to express.d.mts and http.d.mts.
import express from 'express'
import { Signer } from '@munityapps/secrets'
import { munityRouter } from '@munityapps/secrets/express'
import expressEntry from '@munityapps/secrets/express'
import { createSecretHandler } from '@munityapps/secrets/http'

const app = express()
const signer = Signer.fromEnv()
app.use('/munity', munityRouter({ signer, customerFor: (req) => (req.headers['x-user'] as string | undefined) ?? null }))
app.use('/again', expressEntry.munityRouter({ express, customerFor: () => 'c1' }))
export const GET: (request: Request) => Promise<Response> = createSecretHandler({ customerFor: () => null })
// @ts-expect-error customerFor is required
createSecretHandler({ signer })
