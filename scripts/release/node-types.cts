// Type-checked (never run) by scripts/release/test-node.sh against the installed package, as a CommonJS consumer:
// `tsc --module nodenext` resolves `require` through the package's "require" types (index.d.ts).
import secrets = require('@munityapps/secrets')

const certificate: Buffer = Buffer.from('-----BEGIN PRIVATE KEY-----')
const signer: secrets.Signer = new secrets.Signer(certificate)
const text: string = signer.connectSecret({ customerId: 'customer1234', workspaceId: 'w' }, { expiresIn: 600 })
const again: Promise<string> = signer.connectSecretAsync({ customerId: 'c', workspaceId: 'w' })
const oneCall: string = secrets.connectSecret('pem text', { customerId: 'c', workspaceId: 'w' }, { now: new Date() })
const verified: secrets.VerifiedSecret = new secrets.Verifier([certificate, 'pem text']).verify(text, { leeway: 0 })
const kind: 'connect' | 'renew' = secrets.verifySecret(certificate, oneCall).kind
try {
  signer.renewSecret({ customerId: 'c', workspaceId: 'w', integrationId: 'i' })
} catch (error) {
  if (error instanceof secrets.InvalidClaimError) {
    const claim: string = error.claim
  } else if (error instanceof secrets.MunitySecretError) {
    const code: string = error.code
  }
}
// @ts-expect-error key text is a string or bytes, not a number
new secrets.Signer(42)
// @ts-expect-error the internal loader export is not part of the API
secrets.__napiBindingTarget
export = { again, kind, verified }
