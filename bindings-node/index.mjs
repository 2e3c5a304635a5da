// ESM entry point: the same objects as the CommonJS one (index.js), so `instanceof` agrees across both.
import secrets from './index.js'

export const {
  Signer,
  Verifier,
  MunitySecretError,
  InvalidKeyError,
  InvalidClaimError,
  InvalidSecretError,
  MalformedSecretError,
  UnsupportedAlgorithmError,
  BadSignatureError,
  UnknownKeyError,
  ExpiredSecretError,
  NotYetValidError,
  connectSecret,
  renewSecret,
  verifySecret,
  generateKeyPair,
  version,
  CERTIFICATE_ENV,
  WORKSPACE_ID_ENV,
  PUBLIC_KEY_ENV,
  DEFAULT_EXPIRES_IN,
  MAX_EXPIRES_IN,
  DEFAULT_LEEWAY,
  MAX_LEEWAY,
  DEFAULT_KEY_BITS,
  MAX_NUMERIC_DATE,
} = secrets
export default secrets
