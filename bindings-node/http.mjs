// ESM entry point of @munityapps/secrets/http: the CommonJS module's objects (one copy, shared with require).
import httpEntry from './http.js'

export const { createSecretEndpoint, createSecretHandler, CONNECTOR_PATTERN } = httpEntry
export default httpEntry
