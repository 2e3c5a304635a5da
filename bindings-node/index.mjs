// ESM entry point: the same objects as the CommonJS one (index.js), so `instanceof` agrees across both.
import secrets from './index.js'

export const {
  Signer,
  Verifier,
  MunitySecretError,
  connectSecret,
  renewSecret,
  verifySecret,
  generateKeyPair,
  __napiBindingTarget,
} = secrets
export default secrets
