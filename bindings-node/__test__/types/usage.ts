// Compiled by types.test.js with tsc --strict: the declarations accept what the JS API takes and refuse the rest.
import {
  Signer, Verifier, MunitySecretError, InvalidClaimError, ExpiredSecretError, InvalidSecretError,
  connectSecret, renewSecret, verifySecret, generateKeyPair, version, DEFAULT_EXPIRES_IN, MAX_NUMERIC_DATE,
  type MintedSecret, type VerifiedSecret, type KeyPair,
} from '../../index.js'

declare const pem: string
declare const bytes: Uint8Array
const pair: KeyPair = generateKeyPair()
const signer = new Signer(pem, { workspaceId: '11111111-2222-3333-aaaa-eeeeeeeeeeee' })
const s2 = new Signer(bytes)
const fromEnv = Signer.fromEnv(undefined, null)
const id: string | null = signer.workspaceId
const secret: string = signer.connectSecret({ customerId: 'c' }, { expiresIn: null })
const renew: string = signer.renewSecret({ customerId: 'c', integrationId: 'i' }, { expiresAt: new Date(), now: 1 })
const minted: MintedSecret = signer.mint({ customerId: 'c' })
const d: Date | null = minted.expiresAt
async function f(): Promise<void> {
  const m: MintedSecret = await signer.mintAsync({ customerId: 'c' }, { keyId: 'k' })
  const v: VerifiedSecret = await signer.verifier().verifyAsync(m.secret, { expect: 'renew', leeway: 5, now: new Date() })
  console.log(v.customerId, m)
}
const verifier = new Verifier([pem, bytes])
const jwks = Verifier.fromJwks({ keys: [] })
const ids: Array<string | null> = verifier.keyIds
const fps: string[] = jwks.fingerprints
const v: VerifiedSecret = verifySecret(bytes, secret, { expect: 'connect' })
connectSecret(pem, { customerId: 'c', workspaceId: 'w' })
renewSecret(pem, { customerId: 'c', workspaceId: 'w', integrationId: 'i' }, null)
try { verifier.verify(secret) } catch (e) {
  if (e instanceof InvalidClaimError) { const c: string = e.claim; const r: string = e.reason; console.log(c, r, e.code) }
  if (e instanceof ExpiredSecretError) { const at: Date = e.expiresAt; console.log(at, e.leeway) }
  if (e instanceof MunitySecretError) { const k: string = e.kind; const c: string | null = e.claim; console.log(k, c) }
  if (e instanceof InvalidSecretError) console.log(e.kind)
}
const n: number = DEFAULT_EXPIRES_IN + MAX_NUMERIC_DATE
const ver: string = version
console.log(pair, s2, fromEnv, id, renew, d, f, ids, fps, v, n, ver)
// @ts-expect-error: customerId is required
signer.connectSecret({})
// @ts-expect-error: a renew claim is not a connect claim option
signer.connectSecret({ customerId: 'c' }, { integrationId: 'x' })
// @ts-expect-error: expiresIn is a number
signer.connectSecret({ customerId: 'c' }, { expiresIn: '600' })
