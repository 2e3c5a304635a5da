'use strict'
// Child processes of one test (the sandbox, the example servers), stopped after it.
const { spawn } = require('node:child_process')

/** Starts a process and waits for a line of its stdout matching `ready`; returns the match. */
function startProcess(t, name, command, args, options, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 60 s`)), 60_000)
    function fail(error) {
      clearTimeout(timer)
      child.kill()
      reject(new Error(`${error.message}\n--- ${name} stdout:\n${out}\n--- ${name} stderr:\n${err}`))
    }
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = out.match(ready)
      if (match) {
        clearTimeout(timer)
        resolve(match)
      }
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', fail)
    child.on('exit', (code, signal) => fail(new Error(`${name} exited (${code ?? signal}) before it was ready`)))
    t.after(() => {
      child.removeAllListeners('exit')
      child.kill()
    })
  })
}

module.exports = { startProcess }
