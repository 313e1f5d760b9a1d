// A server that accepts the connection and never answers: each request has a deadline that holds (20 s), the
// retries give up after four tries, and the step fails within 100 s, saying the server did not answer.
import { describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, uniqueImage } from '../harness/rahti.js'
import { useRahti } from '../harness/suite.js'
import { expectCleanFailure, Ledger, runDebug } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()

describe('a silent API server', () => {
  test('fails the step within 100 s with a message that says it did not answer', async () => {
    const image = uniqueImage('silent')
    await buildImage(`${image}:latest`)
    // Longer than the whole step may take: the server holds every "who am I?" without a word.
    p.emu.injectFault({
      method: 'POST',
      path: 'selfsubjectreviews$',
      server: 'api',
      delayMs: 110_000,
      count: 10
    })
    const started = Date.now()
    const main = await runDebug({ inputs: baseInputs(p, 'builder', image) })
    const seconds = (Date.now() - started) / 1000
    p.emu.clearFaults()
    await ledger.settle('silent', main, [p.accounts.builder.token])
    expectCleanFailure(
      main,
      /^Could not reach the API server: POST \/apis\/authentication\.k8s\.io\/v1\/selfsubjectreviews failed 4 times, the last with: https:\/\/127\.0\.0\.1:\d+ did not answer within 20 s\. .*run the job again later/
    )
    expect(seconds).toBeLessThan(100)
    expect(seconds).toBeGreaterThan(60)
    expect(ledger.violations()).toEqual([])
  }, 180_000)
})
