// Who may pull, the lookup policy and pruning (issue 11), end to end: the bundled action run as the runner
// runs it, against the emulator, whose registry follows the RoleBindings; pulls are made by real skopeo,
// anonymously (no credentials at all) or as another project's account.
import { dirname } from 'node:path'

import { beforeAll, describe, expect, test } from '@jest/globals'

import { api, pushTiny } from './emulator/helpers.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, runMain, type StepResult } from './harness/runner.js'
import { useRahti } from './harness/suite.js'
import { requireTool, run } from './harness/tools.js'

const RBAC = '/apis/rbac.authorization.k8s.io/v1/namespaces/demo'
const rahti = useRahti({
  state: {
    projects: ['demo', 'other', 'third', 'elsewhere'],
    serviceAccounts: [
      { project: 'demo', name: 'admin', roles: ['admin'] },
      { project: 'demo', name: 'editor', roles: ['edit'] },
      { project: 'demo', name: 'builder', roles: ['system:image-builder'] },
      { project: 'other', name: 'puller' },
      { project: 'third', name: 'stranger' }
    ],
    // A signed-in user whose own project is another one.
    users: [{ name: 'bob', roles: { elsewhere: ['admin'] } }]
  }
})
let emu: typeof rahti.emu

beforeAll(() => {
  requireTool('skopeo', 'skopeo')
  emu = rahti.emu
})

function tok(name: string): string {
  return rahti.accounts[name].token
}

function action(account: string, image: string, extra: Record<string, string>): Promise<StepResult> {
  return runMain({ inputs: baseInputs(rahti, account, image, extra) })
}

async function succeed(account: string, image: string, extra: Record<string, string>): Promise<StepResult> {
  const main = await action(account, image, extra)
  expect(errorAnnotation(main)).toBeUndefined()
  expect(main.exitCode).toBe(0)
  return main
}

/** A pull by real skopeo: with no credentials at all, or with an account's token. */
async function mayPull(ref: string, token?: string): Promise<boolean> {
  const creds = token ? [`--creds=unused:${token}`] : ['--no-creds']
  const result = await run('skopeo', [
    'inspect',
    `--cert-dir=${dirname(emu.info.caFile)}`,
    ...creds,
    `docker://${emu.info.registry}/${ref}`
  ])
  return result.status === 0
}

/** A RoleBinding of `system:image-puller` to a group, made by hand as the guide's `oc policy` commands make it. */
async function bindByHand(name: string, groupName: string) {
  const handMade = {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:image-puller' },
    subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: groupName }]
  }
  const made = await api(emu, 'POST', `${RBAC}/rolebindings`, { token: tok('admin'), body: handMade })
  expect(made.status).toBe(201)
  return handMade
}

async function ownObjects(image: string): Promise<string[]> {
  const selector = encodeURIComponent(`app.kubernetes.io/managed-by=rahti-push,rahti-push/image=${image}`)
  const names: string[] = []
  for (const kind of ['roles', 'rolebindings']) {
    const list = await api(emu, 'GET', `${RBAC}/${kind}?labelSelector=${selector}`, { token: tok('admin') })
    for (const item of list.json().items as { metadata: { name: string } }[]) {
      names.push(`${kind}/${item.metadata.name}`)
    }
  }
  return names.sort()
}

describe('visibility', () => {
  test('anonymous pull refused before, allowed after public, refused again after private; a second run changes nothing', async () => {
    const image = uniqueImage('public')
    await buildImage(`${image}:latest`)
    const ref = `demo/${image}:latest`
    await succeed('admin', image, {})
    expect(await mayPull(ref)).toBe(false)

    const opened = await succeed('admin', image, { visibility: 'public' })
    expect(await mayPull(ref)).toBe(true)
    expect(opened.stdout).toContain(`Access: anyone on the internet can pull demo/${image}`)
    expect(opened.stdout).toContain(`Created Role rahti-push-${image}-puller`)
    expect(opened.summary).toContain(`anyone on the internet can pull demo/${image}`)
    expect(await ownObjects(image)).toEqual([
      `rolebindings/rahti-push-${image}-public`,
      `roles/rahti-push-${image}-puller`
    ])
    // Only this image: another stream of the project stays closed.
    const closed = uniqueImage('closed')
    await pushTiny(emu, `demo/${closed}`, 'v1', { bearer: tok('admin') })
    expect(await mayPull(`demo/${closed}:v1`)).toBe(false)

    const versions = async () =>
      Promise.all(
        [`roles/rahti-push-${image}-puller`, `rolebindings/rahti-push-${image}-public`].map(
          async path =>
            (
              (await api(emu, 'GET', `${RBAC}/${path}`, { token: tok('admin') })).json().metadata as {
                resourceVersion: string
              }
            ).resourceVersion
        )
      )
    const before = await versions()
    const again = await succeed('admin', image, { visibility: 'public' })
    // Nothing was written: the objects keep their resourceVersions.
    expect(await versions()).toEqual(before)
    expect(again.stdout).toContain('Access unchanged')
    expect(again.stdout).not.toMatch(/(Created|Updated|Deleted) Role/)
    expect(again.summary).toContain('(unchanged)')
    expect(await mayPull(ref)).toBe(true)

    const shut = await succeed('admin', image, { visibility: 'private' })
    expect(shut.stdout).toContain(`Deleted RoleBinding rahti-push-${image}-public`)
    expect(shut.stdout).toContain(`Access: only project demo (its members and service accounts) can pull`)
    expect(await mayPull(ref)).toBe(false)
    expect(await ownObjects(image)).toEqual([])
  }, 300_000)

  test('authenticated: a signed-in user of another project may pull, nobody anonymous; only while asked', async () => {
    const image = uniqueImage('signed-in')
    await buildImage(`${image}:latest`)
    const ref = `demo/${image}:latest`
    const bob = tok('bob')
    await succeed('admin', image, {})
    expect(await mayPull(ref, bob)).toBe(false)

    const main = await succeed('admin', image, { visibility: 'authenticated' })
    expect(main.stdout).toContain(`Access: anyone signed in to Rahti`)
    expect(await mayPull(ref, bob)).toBe(true)
    expect(await mayPull(ref)).toBe(false)

    // Public replaces it (one setting), private takes both away.
    await succeed('admin', image, { visibility: 'public' })
    expect(await ownObjects(image)).toEqual([
      `rolebindings/rahti-push-${image}-public`,
      `roles/rahti-push-${image}-puller`
    ])
    await succeed('admin', image, { visibility: 'private' })
    expect(await mayPull(ref, bob)).toBe(false)
  }, 300_000)

  test('a binding made by hand is left untouched, with a warning that the image is more open than asked', async () => {
    const image = uniqueImage('by-hand')
    await buildImage(`${image}:latest`)
    // The guide's use case 1, typed by hand: the whole project pullable by anyone.
    const handMade = await bindByHand(`hand-${image}`, 'system:unauthenticated')
    try {
      const main = await succeed('admin', image, { visibility: 'private' })
      expect(main.stdout).toMatch(
        new RegExp(
          `::warning::The image may be more open than asked: anyone on the internet can still pull demo/${image} through RoleBinding.*hand-${image}`
        )
      )
      expect(main.stdout).toContain(`oc delete rolebinding hand-${image} -n demo`)
      const still = await api(emu, 'GET', `${RBAC}/rolebindings/hand-${image}`, { token: tok('admin') })
      expect(still.status).toBe(200)
      expect(still.json().subjects).toEqual(handMade.subjects)
      expect(still.json().metadata).not.toHaveProperty('labels')
      expect(await mayPull(`demo/${image}:latest`)).toBe(true)
    } finally {
      await api(emu, 'DELETE', `${RBAC}/rolebindings/hand-${image}`, { token: tok('admin') })
    }
  }, 300_000)
})

describe('pull-projects', () => {
  test('a listed project may pull, an unlisted one not; a project leaving the list loses access; none removes all', async () => {
    const image = uniqueImage('shared')
    await buildImage(`${image}:latest`)
    const ref = `demo/${image}:latest`
    const puller = tok('puller')
    const stranger = tok('stranger')

    const main = await succeed('admin', image, { 'pull-projects': 'other' })
    expect(main.stdout).toContain(`Access: service accounts of project other can pull demo/${image}`)
    expect(await mayPull(ref, puller)).toBe(true)
    expect(await mayPull(ref, stranger)).toBe(false)
    expect(await mayPull(ref)).toBe(false)

    const moved = await succeed('admin', image, { 'pull-projects': 'third' })
    expect(moved.stdout).toContain(`Updated RoleBinding rahti-push-${image}-projects`)
    expect(await mayPull(ref, puller)).toBe(false)
    expect(await mayPull(ref, stranger)).toBe(true)

    // Empty leaves it as it is, whatever else the run does.
    await succeed('admin', image, { visibility: 'private' })
    expect(await mayPull(ref, stranger)).toBe(true)

    const none = await succeed('admin', image, { 'pull-projects': 'none' })
    expect(none.stdout).toContain(`Deleted RoleBinding rahti-push-${image}-projects`)
    expect(none.stdout).toContain(`Deleted Role rahti-push-${image}-puller`)
    expect(await mayPull(ref, stranger)).toBe(false)
    expect(await ownObjects(image)).toEqual([])
  }, 300_000)
})

describe('a name the action uses, taken by hand', () => {
  test('the Role is left alone and the step fails after the push, saying the image is there; the outputs are set', async () => {
    const image = uniqueImage('taken')
    await buildImage(`${image}:latest`)
    const name = `rahti-push-${image}-puller`
    const byHand = {
      kind: 'Role',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]
    }
    expect((await api(emu, 'POST', `${RBAC}/roles`, { token: tok('admin'), body: byHand })).status).toBe(201)
    const main = await action('admin', image, { visibility: 'public' })
    expect(main.exitCode).toBe(1)
    expect(main.outputs.digest).toMatch(/^sha256:/)
    expect(errorAnnotation(main)).toBe(
      `The image was pushed (${main.outputs.digest}), but a setting was not applied: A Role named ${name} exists in demo without this action's labels, so the action leaves it alone and cannot make its own. ` +
        `Delete or rename it (\`oc get role ${name} -n demo -o yaml\` shows what it grants), then run the step again.`
    )
    const still = (await api(emu, 'GET', `${RBAC}/roles/${name}`, { token: tok('admin') })).json()
    expect(still.rules).toEqual(byHand.rules)
    expect(await mayPull(`demo/${image}:latest`)).toBe(false)
  }, 300_000)
})

describe('a grant made by hand for a project', () => {
  test('a project that leaves the list but still pulls through a binding made by hand: the binding stays, a warning names it', async () => {
    const image = uniqueImage('project-by-hand')
    await buildImage(`${image}:latest`)
    await bindByHand(`hand-${image}`, 'system:serviceaccounts:third')
    try {
      await succeed('admin', image, { 'pull-projects': 'third' })
      const main = await succeed('admin', image, { 'pull-projects': 'other' })
      expect(main.stdout).toContain(
        `::warning::The image may be more open than asked: service accounts of project third can still pull demo/${image} through RoleBinding this action did not make (hand-${image})`
      )
      expect(main.stdout).toContain(`Access: service accounts of project third can pull demo/${image}`)
      expect(await mayPull(`demo/${image}:latest`, tok('stranger'))).toBe(true)
    } finally {
      await api(emu, 'DELETE', `${RBAC}/rolebindings/hand-${image}`, { token: tok('admin') })
    }
  }, 300_000)
})

describe('local lookup', () => {
  test('set and cleared; an empty input leaves it', async () => {
    const image = uniqueImage('lookup')
    await buildImage(`${image}:latest`)
    const local = () =>
      (emu.getImageStream('demo', image) as { spec: { lookupPolicy: { local: boolean } } }).spec.lookupPolicy
        .local
    const on = await succeed('editor', image, { 'local-lookup': 'true' })
    expect(local()).toBe(true)
    expect(on.stdout).toContain('Local lookup on')
    expect(on.summary).toContain(`<code>${image}:TAG</code>`)
    const same = await succeed('editor', image, { 'local-lookup': 'true' })
    expect(same.stdout).toContain('Local lookup on (unchanged)')
    await succeed('editor', image, {})
    expect(local()).toBe(true)
    await succeed('editor', image, { 'local-lookup': 'false' })
    expect(local()).toBe(false)
  }, 300_000)
})

describe('prune', () => {
  test('keeps the newest `keep` matching tags and never the ones this run pushed', async () => {
    const image = uniqueImage('pruned')
    // Four old tags, pushed a second apart (the times have a second's resolution), and a release tag.
    for (const tag of ['sha-1', 'sha-2', 'sha-3', 'sha-4', 'v1']) {
      await pushTiny(emu, `demo/${image}`, tag, { bearer: tok('admin') })
      await new Promise(r => setTimeout(r, 1100))
    }
    await buildImage(`${image}:sha-5`)
    const tagsNow = () =>
      ((emu.getImageStream('demo', image) as { status: { tags: { tag: string }[] } }).status.tags ?? [])
        .map(t => t.tag)
        .sort()

    const main = await succeed('editor', image, { tags: 'sha-5 latest', prune: 'sha-*', keep: '2' })
    expect(tagsNow()).toEqual(['latest', 'sha-4', 'sha-5', 'v1'])
    expect(main.stdout).toContain('Deleted sha-1, sha-2, sha-3')
    expect(main.summary).toContain('Pruned: <code>sha-1</code>, <code>sha-2</code>, <code>sha-3</code>')
    // The registry no longer serves them.
    expect(await mayPull(`demo/${image}:sha-1`, tok('admin'))).toBe(false)
    expect(await mayPull(`demo/${image}:sha-4`, tok('admin'))).toBe(true)

    const again = await succeed('editor', image, { tags: 'sha-5 latest', prune: 'sha-*', keep: '2' })
    expect(again.stdout).toContain('Nothing to prune')
    expect(again.summary).toContain('Pruned: nothing')
    expect(tagsNow()).toEqual(['latest', 'sha-4', 'sha-5', 'v1'])

    // keep 0: every matching tag goes, except the one this run pushed. A second later than sha-5's push: a tag
    // pushed in the second a run starts is spared as another job's push in flight.
    await buildImage(`${image}:sha-6`)
    await new Promise(r => setTimeout(r, 1100))
    await succeed('editor', image, { tags: 'sha-6', prune: 'sha-*', keep: '0' })
    expect(tagsNow()).toEqual(['latest', 'sha-6', 'v1'])
  }, 300_000)
})

describe('rights, before any upload', () => {
  test.each([
    ['builder', { visibility: 'public' }, 'visibility', 'admin', 'create and delete Roles and RoleBindings'],
    [
      'editor',
      { 'pull-projects': 'other' },
      'pull-projects',
      'admin',
      'create and delete Roles and RoleBindings'
    ],
    ['builder', { prune: 'sha-*' }, 'prune', 'edit', 'delete ImageStreamTags'],
    ['builder', { 'local-lookup': 'true' }, 'local-lookup', 'edit', 'patch ImageStreams']
  ])(
    '%s with %j: refused before any upload, naming the %s input and the %s role',
    async (account, extra, input, role, what) => {
      const image = uniqueImage('denied')
      await buildImage(`${image}:latest`)
      emu.resetStats()
      const main = await action(account, image, extra)
      expect(main.exitCode).toBe(1)
      expect(errorAnnotation(main)).toBe(
        `Input '${input}': system:serviceaccount:demo:${account} may not ${what} in demo, which this needs (the project's ${role} role). ` +
          `Have a project admin run \`oc policy add-role-to-user ${role} -z ${account} -n demo\`, or leave '${input}' empty. Nothing was uploaded.`
      )
      expect(emu.stats().blobBytesReceived).toBe(0)
      expect(emu.getImageStream('demo', image)).toBeUndefined()
    },
    120_000
  )
})
