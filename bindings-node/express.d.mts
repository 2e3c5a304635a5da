// Types of the ESM entry point of @munityapps/secrets/express (express.mjs): the CommonJS declarations, re-exported.
import expressEntry from './express.js'

export * from './express.js'
export default expressEntry
