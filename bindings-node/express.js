'use strict'
// @munityapps/secrets/express: the secret endpoint as an Express router (Express 4 and 5).
//
//   app.use('/munity', munityRouter({ customerFor: (req) => req.user && req.user.munityId }))
//   // GET /munity/secret?connector=jira -> 200 { secret, expiresAt } (Cache-Control: no-store)
//
// Express is not a dependency of this package (an optional peer): the router comes from the `express` option,
// else from require('express') as resolved from this package, then from the application's main module, then
// from the working directory.
const path = require('node:path')
const { createRequire } = require('node:module')
const { configure, endpoint } = require('./endpoint.js')

const EXPRESS_OPTIONS = new Set(['express'])

/** The places `express` is looked for, in order (a `file:` or linked install resolves from its real path). */
function candidates() {
  const places = [require]
  if (require.main && typeof require.main.filename === 'string') places.push(createRequire(require.main.filename))
  places.push(createRequire(path.join(process.cwd(), 'noop.js')))
  return places
}

function loadExpress(given) {
  if (given !== undefined) {
    if (given === null || typeof given.Router !== 'function') {
      throw new TypeError('munityRouter(options): express must be the express module (with express.Router)')
    }
    return given
  }
  for (const load of candidates()) {
    try {
      return load('express')
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error
    }
  }
  throw new Error(
    'munityRouter needs Express, which @munityapps/secrets does not install: `npm install express` in the ' +
      'application, or pass it: munityRouter({ express: require("express"), ... })',
  )
}

/**
 * An Express Router answering `GET /secret?connector=…` with `{ secret, expiresAt }` for the customer that
 * `customerFor(req, { connector })` names; 401 when it names nobody, 400 for a missing or invalid connector,
 * 500 (logged through onError by code) when no secret can be minted. Every answer has Cache-Control: no-store.
 * An error thrown by customerFor goes to `next(err)`, the app's error handling.
 * Throws at once (at start-up) when the signer, its certificate, the workspace or the lifetime is unusable.
 */
function munityRouter(options) {
  const isObject = options !== null && typeof options === 'object' && !Array.isArray(options)
  const { express: given, ...rest } = isObject ? options : {}
  const config = configure(isObject ? rest : options, 'munityRouter', EXPRESS_OPTIONS)
  const secretAnswer = endpoint(config, { catchCustomerErrors: false })
  const router = loadExpress(given).Router()
  router.get('/secret', (req, res, next) => {
    res.set('Cache-Control', 'no-store')
    // A string only: `?connector=a&connector=b` (an array) and `?connector[x]=` (an object) are refused.
    const connector = typeof req.query.connector === 'string' ? req.query.connector : undefined
    secretAnswer(req, connector).then((result) => {
      res.status(result.status).set(result.headers).json(result.body)
    }, next)
  })
  return router
}

module.exports = { munityRouter }
