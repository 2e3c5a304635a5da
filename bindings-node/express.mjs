// ESM entry point of @munityapps/secrets/express: the CommonJS module's objects (one copy, shared with require).
import expressEntry from './express.js'

export const { munityRouter } = expressEntry
export default expressEntry
