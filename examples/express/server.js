'use strict'
// Starts the example: MUNITY_CERTIFICATE (the workspace certificate, PEM), MUNITY_WORKSPACE_ID,
// optional MUNITY_SANDBOX_URL (serves sdk.js) and PORT (3000).
const { Signer } = require('@munityapps/secrets')
const { createApp } = require('./app.js')

function start({ port = Number(process.env.PORT || 3000), host = process.env.HOST || '127.0.0.1' } = {}) {
  const workspaceId = process.env.MUNITY_WORKSPACE_ID
  if (!workspaceId) throw new Error('set MUNITY_WORKSPACE_ID to the Munity workspace id')
  const app = createApp({
    signer: Signer.fromEnv('MUNITY_CERTIFICATE'),
    workspaceId,
    sandboxUrl: process.env.MUNITY_SANDBOX_URL,
  })
  return app.listen(port, host, function () {
    const { address, port: bound } = this.address()
    console.log(`listening on http://${address}:${bound}/`)
  })
}

if (require.main === module) start()

module.exports = { start }
