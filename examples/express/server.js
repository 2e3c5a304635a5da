'use strict'
// Starts the example: MUNITY_CERTIFICATE (the workspace certificate, PEM), MUNITY_WORKSPACE_ID, optional
// MUNITY_SANDBOX_URL (serves sdk.js), MUNITY_SECRET_LIFETIME (seconds, 600), PORT (3000) and HOST (127.0.0.1).
// A missing, empty or unusable certificate or workspace stops it at start-up, with the reason, before it listens.
const { Signer, MunitySecretError } = require('@munityapps/secrets')
const { createApp } = require('./app.js')

/** Builds the app from the environment; throws an Error saying what to fix when the configuration is unusable. */
function configure() {
  const env = process.env
  const lifetime = env.MUNITY_SECRET_LIFETIME ? Number(env.MUNITY_SECRET_LIFETIME) : undefined
  try {
    // MUNITY_CERTIFICATE, bound to MUNITY_WORKSPACE_ID: parsed and checked once, here.
    const signer = Signer.fromEnv()
    // Building the router mints once on trial: a workspace id or a lifetime the core refuses fails here too.
    return createApp({ signer, sandboxUrl: env.MUNITY_SANDBOX_URL, lifetime })
  } catch (error) {
    if (!(error instanceof MunitySecretError)) throw error
    const what = error.kind === 'INVALID_KEY' ? 'MUNITY_CERTIFICATE (the workspace certificate, PEM)'
      : error.claim === 'workspace_id' ? 'MUNITY_WORKSPACE_ID (the Munity workspace id, a UUID)'
        : error.claim === 'expires_in' ? 'MUNITY_SECRET_LIFETIME (seconds)'
          : 'the Munity configuration'
    throw new Error(`cannot start: ${what} is missing or unusable [${error.code}]: ${error.message}`, { cause: error })
  }
}

function start({ port = Number(process.env.PORT || 3000), host = process.env.HOST || '127.0.0.1' } = {}) {
  const app = configure()
  return app.listen(port, host, function () {
    const { address, port: bound } = this.address()
    console.log(`listening on http://${address}:${bound}/`)
  })
}

if (require.main === module) {
  try {
    start()
  } catch (error) {
    console.error(`error: ${error.message}`)
    process.exit(1)
  }
}

module.exports = { configure, start }
