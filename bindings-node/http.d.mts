// Types of the ESM entry point of @munityapps/secrets/http (http.mjs): the CommonJS declarations, re-exported.
import httpEntry from './http.js'

export * from './http.js'
export default httpEntry
