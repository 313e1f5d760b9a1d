// The post step loads the engine code only when the saved session names something for the engine to undo (its
// configuration directory, names left on it); the common post step (Docker through its Engine API, which keeps no
// credentials on disk) removes the kubeconfig and nothing else. These tests pin both sides of that shortcut: the
// post step's choice, and every engine doing nothing for a session without either.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'

import type { EngineKind, EngineSession } from '../src/engines/engine.js'
import * as core from './fixtures/core.js'

jest.unstable_mockModule('../src/util/actions.js', () => core)
// Any program an engine would run to undo something: none may run for a session without engine work.
const run = jest.fn(async () => ({ exitCode: 0, stdout: '', stderr: '' }))
jest.unstable_mockModule('../src/util/exec.js', () => ({
  ExecError: class ExecError extends Error {},
  wasCancelled: () => false,
  listenForCancel: () => undefined,
  stopAfter: () => undefined,
  stopWithRun: () => () => undefined,
  findOnPath: () => true,
  run,
  runOrThrow: run
}))
const factory = await import('../src/engines/factory.js')
const restoreEngine = jest.fn(factory.restoreEngine)
jest.unstable_mockModule('../src/engines/factory.js', () => ({ ...factory, restoreEngine }))
const { engineHasWork, post } = await import('../src/post.js')

let temp: string
let kubeconfig: string
beforeEach(() => {
  jest.clearAllMocks()
  temp = mkdtempSync(path.join(os.tmpdir(), 'post-test-'))
  const dir = path.join(temp, 'rahti-push-kube-abc')
  mkdirSync(dir)
  kubeconfig = path.join(dir, 'config')
  writeFileSync(kubeconfig, 'token')
})
afterEach(() => rmSync(temp, { recursive: true, force: true }))

const KINDS: EngineKind[] = ['docker', 'podman', 'buildah', 'skopeo']
/** A session after a push that left nothing for the engine: logged in, the login not on disk. */
const bare = (kind: EngineKind): EngineSession => ({
  kind,
  logout: true,
  registryHost: 'image-registry.apps.2.rahti.csc.fi',
  endpoint: kind === 'docker' ? 'unix:///var/run/docker.sock' : undefined
})

describe('the post step', () => {
  test.each(KINDS)(
    'with a %s session without files, removes the kubeconfig without the engine',
    async kind => {
      await post({ mainStarted: true, engine: bare(kind), kubeconfig })
      expect(restoreEngine).not.toHaveBeenCalled()
      expect(existsSync(kubeconfig)).toBe(false)
      expect(existsSync(path.dirname(kubeconfig))).toBe(false)
      expect(core.info.mock.calls).toEqual([['Removed the kubeconfig']])
      expect(core.warning).not.toHaveBeenCalled()
    }
  )

  test("with the engine's configuration directory, has the engine remove it", async () => {
    const configDir = path.join(temp, 'rahti-push-docker-xyz')
    mkdirSync(configDir)
    writeFileSync(path.join(configDir, 'config.json'), '{"auths":{}}')
    await post({ mainStarted: true, engine: { ...bare('podman'), configDir }, kubeconfig })
    expect(restoreEngine).toHaveBeenCalledTimes(1)
    expect(existsSync(configDir)).toBe(false)
    expect(existsSync(kubeconfig)).toBe(false)
    expect(core.info.mock.calls).toEqual([
      ['Removed the credentials for image-registry.apps.2.rahti.csc.fi'],
      ['Removed the kubeconfig']
    ])
  })

  test('with names left on the engine, has the engine look at them', () => {
    const session = { ...bare('docker'), localNames: [{ name: 'r/p/i:latest', id: 'sha256:1' }] }
    expect(engineHasWork(session)).toBe(true)
    expect(engineHasWork({ ...session, localNames: [] })).toBe(false)
  })
})

describe.each(KINDS)('a restored %s engine with a session without files', kind => {
  test('does nothing on logout and removeLocalNames (the post step does not load it for such a session)', async () => {
    const session = bare(kind)
    expect(engineHasWork(session)).toBe(false)
    const engine = factory.restoreEngine({ ...session })
    await engine.removeLocalNames()
    await engine.logout()
    expect(run).not.toHaveBeenCalled()
    expect(engine.session).toEqual(session)
  })
})
