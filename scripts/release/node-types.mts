// Type-checked (never run) by scripts/release/test-node.sh against the installed package, as an ESM consumer:
// `tsc --module nodenext` resolves `import` through the package's "import" types (index.d.mts).
import secrets, {
  InvalidClaimError,
  MunitySecretError,
  Signer,
  Verifier,
  connectSecret,
  verifySecret,
  type VerifiedSecret,
} from '@munityapps/secrets'

const certificate: Buffer = Buffer.from('-----BEGIN PRIVATE KEY-----')
const signer: Signer = new Signer(certificate)
const text: string = signer.connectSecret({ customerId: 'customer1234', workspaceId: 'w' }, { expiresIn: 600 })
const again: Promise<string> = signer.connectSecretAsync({ customerId: 'c', workspaceId: 'w' })
const oneCall: string = connectSecret('pem text', { customerId: 'c', workspaceId: 'w' }, { now: new Date() })
const verified: VerifiedSecret = new Verifier([certificate, 'pem text']).verify(text, { leeway: 0 })
const kind: 'connect' | 'renew' = verifySecret(certificate, oneCall).kind
const sameClass: typeof Signer = secrets.Signer
try {
  signer.renewSecret({ customerId: 'c', workspaceId: 'w', integrationId: 'i' })
} catch (error) {
  if (error instanceof InvalidClaimError) {
    const claim: string = error.claim
  } else if (error instanceof MunitySecretError) {
    const code: string = error.code
  }
}
// @ts-expect-error key text is a string or bytes, not a number
new Signer(42)
// @ts-expect-error the internal loader export is not part of the API
secrets.__napiBindingTarget
export { again, kind, sameClass, verified }
