// The emulator's workloads (issue 21) driven by Debian's kubectl as against a cluster: create,
// scale, set image, annotate with an image trigger, rollout status and undo; the faults of the
// pods of one image; DeploymentConfigs with their ImageChange trigger over the API; and the
// project roles' rights on all of it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { startEmulator } from '../../../emulator/index.js'
import type { Emulator } from '../../../emulator/types.js'
import { requireTool } from '../harness/tools.js'
import { api, deploymentConfig, kubectl, pushTiny, selfReview, unique } from './helpers.js'

let emu: Emulator
const INTERNAL = 'image-registry.openshift-image-registry.svc:5000'

function tok(name: string): string {
  return emu.info.accounts.find(a => a.name.split(':').pop() === name)!.token
}

beforeAll(async () => {
  requireTool('docker-registry', 'docker-registry')
  requireTool('kubectl', 'kubernetes-client')
  emu = await startEmulator({
    state: {
      projects: ['demo'],
      serviceAccounts: [
        { project: 'demo', name: 'admin', roles: ['admin'] },
        { project: 'demo', name: 'editor', roles: ['edit'] },
        { project: 'demo', name: 'viewer', roles: ['view'] },
        { project: 'demo', name: 'pusher', roles: ['system:image-pusher'] },
        { project: 'demo', name: 'builder', roles: ['system:image-builder'] }
      ]
    }
  })
}, 60_000)

afterAll(async () => {
  await emu?.stop()
})

async function ok(args: string[], who = 'editor'): Promise<string> {
  const r = await kubectl(emu, tok(who), args)
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.status} ${r.stderr}`)
  return r.stdout
}

async function json(path: string, who = 'editor'): Promise<Record<string, unknown>> {
  const r = await api(emu, 'GET', path, { token: tok(who) })
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`)
  return r.json()
}

const APPS = '/apis/apps/v1/namespaces/demo'
type Pod = {
  metadata: { name: string }
  status: { containerStatuses?: { restartCount: number; state: { waiting?: { reason: string } } }[] }
}

async function pods(app: string): Promise<Pod[]> {
  return (await json(`/api/v1/namespaces/demo/pods?labelSelector=app%3D${app}`)).items as Pod[]
}

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 15_000
): Promise<T> {
  const end = Date.now() + ms
  let v = await read()
  while (!done(v)) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms; last ${JSON.stringify(v)}`)
    await new Promise(r => setTimeout(r, 200))
    v = await read()
  }
  return v
}

describe('Deployments with kubectl', () => {
  test('create, scale, set image, rollout status, undo: the previous ReplicaSet serves again', async () => {
    const name = unique('web')
    await ok(['create', 'deployment', name, '--image=nginx:1.25', '--replicas=2'])
    expect(await ok(['rollout', 'status', `deployment/${name}`, '--timeout=20s'])).toContain(
      `deployment "${name}" successfully rolled out`
    )
    await ok(['scale', `deployment/${name}`, '--replicas=3'])
    await ok(['set', 'image', `deployment/${name}`, 'nginx=nginx:1.26'])
    const status = await ok(['rollout', 'status', `deployment/${name}`, '--timeout=30s'])
    expect(status).toContain('new replicas have been updated')
    expect(status).toContain(`deployment "${name}" successfully rolled out`)

    const d = await json(`${APPS}/deployments/${name}`)
    const meta = d.metadata as { generation: number; annotations: Record<string, string> }
    expect(meta.annotations['deployment.kubernetes.io/revision']).toBe('2')
    expect(d.status).toMatchObject({
      observedGeneration: meta.generation,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3
    })
    const conditions = (d.status as { conditions: { type: string; reason: string }[] }).conditions
    expect(conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Available', reason: 'MinimumReplicasAvailable' }),
        expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetAvailable' })
      ])
    )
    const sets = (await json(`${APPS}/replicasets?labelSelector=app%3D${name}`)).items as {
      metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> }
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }
    }[]
    expect(sets).toHaveLength(2)
    const first = sets.find(s => s.spec.template.spec.containers[0].image === 'nginx:1.25')!
    expect(first.metadata.name).toBe(`${name}-${first.metadata.labels['pod-template-hash']}`)
    expect(first.spec.replicas).toBe(0)

    expect(await ok(['rollout', 'undo', `deployment/${name}`])).toContain('rolled back')
    await ok(['rollout', 'status', `deployment/${name}`, '--timeout=30s'])
    const back = await json(`${APPS}/replicasets/${first.metadata.name}`)
    expect((back.spec as { replicas: number }).replicas).toBe(3)
    expect((back.metadata as { annotations: Record<string, string> }).annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1'
    })
    const running = await pods(name)
    expect(running).toHaveLength(3)
    expect(running.every(p => p.metadata.name.startsWith(first.metadata.name))).toBe(true)
  }, 90_000)

  test('kubectl annotate with image.openshift.io/triggers: the stream tag sets the image, and again on the next push', async () => {
    const name = unique('trig')
    const builder = { bearer: tok('builder') }
    const d1 = await pushTiny(emu, `demo/${name}`, 'latest', builder)
    await ok(['create', 'deployment', name, '--image=placeholder:1'])
    const trigger = [
      {
        from: { kind: 'ImageStreamTag', name: `${name}:latest` },
        fieldPath: `spec.template.spec.containers[?(@.name=="placeholder")].image`
      }
    ]
    await ok(['annotate', `deployment/${name}`, `image.openshift.io/triggers=${JSON.stringify(trigger)}`])
    const image = (d: Record<string, unknown>) =>
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]
        .image
    await until(
      'the trigger sets the image',
      () => json(`${APPS}/deployments/${name}`),
      d => image(d) === `${INTERNAL}/demo/${name}@${d1}`
    )
    await ok(['rollout', 'status', `deployment/${name}`, '--timeout=20s'])

    const d2 = await pushTiny(emu, `demo/${name}`, 'latest', builder)
    await until(
      'the next push rolls out',
      () => json(`${APPS}/deployments/${name}`),
      d => image(d).endsWith(d2)
    )
    expect(await ok(['rollout', 'status', `deployment/${name}`, '--timeout=20s'])).toContain(
      'successfully rolled out'
    )
    expect((await pods(name)).length).toBe(1)

    // A `paused` written as a string makes the whole annotation unreadable: the trigger stops.
    const broken = [{ ...trigger[0], paused: 'false' }]
    await ok([
      'annotate',
      '--overwrite',
      `deployment/${name}`,
      `image.openshift.io/triggers=${JSON.stringify(broken)}`
    ])
    await pushTiny(emu, `demo/${name}`, 'latest', builder)
    await new Promise(r => setTimeout(r, 1000))
    expect(image(await json(`${APPS}/deployments/${name}`))).toBe(`${INTERNAL}/demo/${name}@${d2}`)
  }, 60_000)
})

describe('faults of pods, per image', () => {
  async function deployment(name: string, image: string, deadline = 4): Promise<void> {
    const r = await api(emu, 'POST', `${APPS}/deployments`, {
      token: tok('editor'),
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: {
          replicas: 1,
          progressDeadlineSeconds: deadline,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } }
        }
      }
    })
    expect(r.status).toBe(201)
  }

  async function reasons(name: string): Promise<string[]> {
    const list = (await json(`/api/v1/namespaces/demo/events`)).items as {
      involvedObject: { name: string }
      reason: string
      message: string
    }[]
    return list.filter(e => e.involvedObject.name.startsWith(name)).map(e => `${e.reason}: ${e.message}`)
  }

  test('a missing image on the cluster registry: ErrImagePull, ImagePullBackOff, events, and the progress deadline', async () => {
    const name = unique('missing')
    const image = `${INTERNAL}/demo/${name}@sha256:${'0'.repeat(64)}`
    await deployment(name, image)
    const seen = new Set<string>()
    await until(
      'both pull reasons',
      () => pods(name),
      ps => {
        for (const p of ps)
          for (const c of p.status.containerStatuses ?? [])
            if (c.state.waiting) seen.add(c.state.waiting.reason)
        return seen.has('ErrImagePull') && seen.has('ImagePullBackOff')
      }
    )
    expect((await reasons(name)).join('\n')).toContain(`Failed: Failed to pull image "${image}"`)
    const status = await kubectl(emu, tok('editor'), [
      'rollout',
      'status',
      `deployment/${name}`,
      '--timeout=20s'
    ])
    expect(status.status).not.toBe(0)
    expect(status.stderr).toContain(`deployment "${name}" exceeded its progress deadline`)
    const d = await json(`${APPS}/deployments/${name}`)
    expect((d.status as { conditions: unknown[] }).conditions).toContainEqual(
      expect.objectContaining({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' })
    )
  }, 40_000)

  test('crash-loop and exec format error: CrashLoopBackOff with restarts, the log line of each', async () => {
    const builder = { bearer: tok('builder') }
    const crash = unique('crash')
    const exec = unique('arm')
    const dc = await pushTiny(emu, `demo/${crash}`, 'v1', builder)
    const de = await pushTiny(emu, `demo/${exec}`, 'v1', builder)
    emu.setImageFault({ image: dc, fault: 'crash', message: 'panic: no DATABASE_URL' })
    const r = await api(emu, 'POST', '/_emulator/image-faults', { body: { image: de, fault: 'exec-format' } })
    expect(r.status).toBe(204)
    await deployment(crash, `${INTERNAL}/demo/${crash}@${dc}`)
    await deployment(exec, `${INTERNAL}/demo/${exec}:v1`)
    for (const [name, line] of [
      [crash, 'panic: no DATABASE_URL'],
      [exec, 'exec format error']
    ]) {
      const [p] = await until(
        'restarts',
        () => pods(name),
        ps => (ps[0]?.status.containerStatuses?.[0]?.restartCount ?? 0) >= 2
      )
      expect(p.status.containerStatuses?.[0].state.waiting?.reason).toBe('CrashLoopBackOff')
      expect(await ok(['logs', p.metadata.name, '--previous'])).toContain(line)
      expect((await reasons(name)).join('\n')).toContain('BackOff: Back-off restarting failed container app')
    }
  }, 40_000)

  test('slow readiness: running, not ready, then ready after the seconds asked', async () => {
    const name = unique('slow')
    const d = await pushTiny(emu, `demo/${name}`, 'v1', { bearer: tok('builder') })
    emu.setImageFault({ image: d, fault: 'slow', readyAfterSeconds: 2 })
    const started = Date.now()
    await deployment(name, `${INTERNAL}/demo/${name}@${d}`, 60)
    const status = await ok(['rollout', 'status', `deployment/${name}`, '--timeout=20s'])
    expect(status).toContain('0 of 1 updated replicas are available')
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  }, 30_000)
})

describe('DeploymentConfigs', () => {
  test('an ImageChange trigger rolls out a version per push, each with its ReplicationController', async () => {
    const name = unique('api')
    const builder = { bearer: tok('builder') }
    const r = await api(emu, 'POST', '/apis/apps.openshift.io/v1/namespaces/demo/deploymentconfigs', {
      token: tok('editor'),
      body: deploymentConfig(name, 2, { imageStreamTag: `${name}:latest` })
    })
    expect(r.status).toBe(201)
    const path = `/apis/apps.openshift.io/v1/namespaces/demo/deploymentconfigs/${name}`
    await new Promise(res => setTimeout(res, 600))
    expect((await json(path)).status).toMatchObject({ latestVersion: 0 })

    const d1 = await pushTiny(emu, `demo/${name}`, 'latest', builder)
    await until(
      'version 1 complete',
      () =>
        json(`/api/v1/namespaces/demo/replicationcontrollers/${name}-1`, 'viewer').catch(
          () => ({}) as Record<string, unknown>
        ),
      rc =>
        (rc.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.[
          'openshift.io/deployment.phase'
        ] === 'Complete'
    )
    const d2 = await pushTiny(emu, `demo/${name}`, 'latest', builder)
    const dc = await until(
      'version 2 available',
      () => json(path),
      x => {
        const s = x.status as { latestVersion: number; availableReplicas: number; updatedReplicas: number }
        return s.latestVersion === 2 && s.updatedReplicas === 2 && s.availableReplicas === 2
      }
    )
    expect(
      (dc.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]
        .image
    ).toBe(`${INTERNAL}/demo/${name}@${d2}`)
    expect(d1).not.toBe(d2)
    expect((dc.status as { details: unknown }).details).toMatchObject({ causes: [{ type: 'ImageChange' }] })
    expect(await ok(['get', 'rc', '-l', `openshift.io/deployment-config.name=${name}`, '-o', 'name'])).toBe(
      `replicationcontroller/${name}-1\nreplicationcontroller/${name}-2\n`
    )
  }, 40_000)
})

describe('rights on workloads', () => {
  test('view reads deployments, pods and events; edit patches; the image pusher sees nothing', async () => {
    const deploy = { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'demo' }
    expect(await selfReview(emu, tok('editor'), deploy)).toBe(true)
    expect(await selfReview(emu, tok('viewer'), deploy)).toBe(false)
    expect(await selfReview(emu, tok('viewer'), { ...deploy, verb: 'get' })).toBe(true)
    for (const resource of ['pods', 'events', 'replicationcontrollers'])
      expect(
        await selfReview(emu, tok('viewer'), { verb: 'list', group: '', resource, namespace: 'demo' })
      ).toBe(true)
    expect(await selfReview(emu, tok('pusher'), { ...deploy, verb: 'get' })).toBe(false)
    const denied = await kubectl(emu, tok('viewer'), ['set', 'image', 'deployment/x', 'a=b'])
    expect(denied.stderr).toMatch(/forbidden|NotFound|not found/)
    const list = await kubectl(emu, tok('pusher'), ['get', 'deployments'])
    expect(list.stderr).toContain('cannot list resource "deployments" in API group "apps"')
  }, 30_000)
})
