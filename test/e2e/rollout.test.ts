// From pushed to running (issue 21), end to end: the bundled action run as the runner runs it, against the
// emulator's workloads and their controller. A Deployment and a DeploymentConfig rolled out to the pushed
// digest and waited for; a trigger-following Deployment only waited for; each fault of the new pods ending in its
// own error within the timeout, and rolled back when asked; missing rights refused before any upload; a dry run
// that changes nothing; and Debian's kubectl agreeing with the action about the rollout.
import { expect, test } from '@jest/globals'

import { api, deploymentConfig, kubectl, pushTiny } from './emulator/helpers.js'
import { buildImage } from './harness/docker.js'
import { baseInputs, tagsOf, uniqueImage } from './harness/rahti.js'
import { errorAnnotation, everythingWritten, runMain, type StepResult } from './harness/runner.js'
import { clearFaultsAfterEach, useRahti } from './harness/suite.js'
import { requireTool } from './harness/tools.js'

const INTERNAL = 'image-registry.openshift-image-registry.svc:5000'
const APPS = '/apis/apps/v1/namespaces/demo'
const DCS = '/apis/apps.openshift.io/v1/namespaces/demo/deploymentconfigs'

const rahti = useRahti({
  state: {
    projects: ['demo'],
    serviceAccounts: [
      { project: 'demo', name: 'editor', roles: ['edit'] },
      { project: 'demo', name: 'builder', roles: ['system:image-builder'] }
    ]
  }
})
clearFaultsAfterEach(rahti)

const tok = (name: string) => rahti.accounts[name].token

interface Workload {
  metadata: { generation: number; annotations?: Record<string, string> }
  spec: { template: { spec: { containers: { name: string; image: string }[] } } }
  status: Record<string, unknown>
}

async function get(path: string): Promise<Workload> {
  const r = await api(rahti.emu, 'GET', path, { token: tok('editor') })
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`)
  return r.json() as unknown as Workload
}

/** A stream with a first, good image under v1 (pushed over the registry API), and the image the action pushes built locally. */
async function streamWithV1(prefix: string): Promise<{ image: string; v1: string }> {
  requireTool('kubectl', 'kubernetes-client')
  const image = uniqueImage(prefix)
  const digest = await pushTiny(rahti.emu, `demo/${image}`, 'v1', { bearer: tok('editor') })
  await buildImage(`${image}:v2`)
  return { image, v1: `${INTERNAL}/demo/${image}@${digest}` }
}

async function createDeployment(
  name: string,
  image: string,
  extra: { replicas?: number; progressDeadlineSeconds?: number; annotations?: Record<string, string> } = {}
): Promise<void> {
  const r = await api(rahti.emu, 'POST', `${APPS}/deployments`, {
    token: tok('editor'),
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
      spec: {
        replicas: extra.replicas ?? 2,
        ...(extra.progressDeadlineSeconds ? { progressDeadlineSeconds: extra.progressDeadlineSeconds } : {}),
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'app', image }] }
        }
      }
    }
  })
  expect(r.status).toBe(201)
  const status = await kubectl(rahti.emu, tok('editor'), [
    'rollout',
    'status',
    `deployment/${name}`,
    '--timeout=20s'
  ])
  expect(status.status).toBe(0)
}

/**
 * A DeploymentConfig of one replica (see `deploymentConfig`), created by the editor, and waited for until its first
 * version serves, as a user's is before the release job runs (kubectl's rollout status does not take a DC). Without
 * the wait the action's patch could land before the deployer made version 1 from the template it was created with.
 */
async function createDeploymentConfig(
  name: string,
  from: Parameters<typeof deploymentConfig>[2]
): Promise<void> {
  const made = await api(rahti.emu, 'POST', DCS, {
    token: tok('editor'),
    body: deploymentConfig(name, 1, from)
  })
  expect(made.status).toBe(201)
  const deadline = Date.now() + 20_000
  for (;;) {
    const { status } = await get(`${DCS}/${name}`)
    if (Number(status.latestVersion ?? 0) >= 1 && Number(status.availableReplicas ?? 0) >= 1) return
    if (Date.now() > deadline)
      throw new Error(`deploymentconfig/${name} did not come up: ${JSON.stringify(status)}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

function action(
  image: string,
  extra: Record<string, string>,
  account = 'editor'
): Promise<StepResult & { job: Parameters<typeof everythingWritten>[0] }> {
  return runMain({ inputs: baseInputs(rahti, account, image, { tags: 'v2', ...extra }) })
}

async function succeed(
  image: string,
  extra: Record<string, string>
): Promise<StepResult & { job: Parameters<typeof everythingWritten>[0] }> {
  const main = await action(image, extra)
  expect(errorAnnotation(main)).toBeUndefined()
  expect(main.exitCode).toBe(0)
  return main
}

async function rolloutStatus(kind: string, name: string): Promise<{ status: number; out: string }> {
  const r = await kubectl(rahti.emu, tok('editor'), ['rollout', 'status', `${kind}/${name}`, '--timeout=20s'])
  return { status: r.status, out: r.stdout + r.stderr }
}

test('a Deployment rolled out to the pushed digest and waited for, kubectl rollout status agreeing', async () => {
  const { image, v1 } = await streamWithV1('web')
  await createDeployment(image, v1)
  const started = Date.now()
  const main = await succeed(image, { rollout: `deployment/${image}` })
  const internal = main.outputs['internal-image']
  expect(internal).toBe(`${INTERNAL}/demo/${image}@${tagsOf(rahti.emu.getImageStream('demo', image)).v2}`)
  const d = await get(`${APPS}/deployments/${image}`)
  expect(d.spec.template.spec.containers[0].image).toBe(internal)
  expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
  expect(d.status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2, replicas: 2 })
  expect(main.stdout).toContain(`deployment/${image}: container app set to ${internal}`)
  expect(main.stdout).toMatch(new RegExp(`deployment/${image}: \\d of 2 updated, \\d ready, \\d available`))
  expect(main.stdout).toContain(`deployment/${image} rolled out: 2 of 2 available`)
  expect(main.summary).toContain('Rollout')
  expect(main.summary).toContain('✅ rolled out')
  // The rollout's API calls carry the token; it shows nowhere.
  expect(everythingWritten(main.job, main)).not.toContain(tok('editor'))
  const took = /Roll out deployment\/\S+: (\d+) ms/.exec(main.stdout)
  expect(Number(took?.[1])).toBeLessThan(15_000)
  expect(Date.now() - started).toBeLessThan(60_000)
  const status = await rolloutStatus('deployment', image)
  expect(status).toMatchObject({ status: 0 })
  expect(status.out).toContain(`deployment "${image}" successfully rolled out`)
}, 120_000)

test('a DeploymentConfig rolled out to the pushed digest: a new version, its ReplicationController complete', async () => {
  const { image, v1 } = await streamWithV1('dc')
  await createDeploymentConfig(image, { image: v1 })
  const main = await succeed(image, { rollout: `deploymentconfig/${image}` })
  const dc = await get(`${DCS}/${image}`)
  expect(dc.spec.template.spec.containers[0].image).toBe(main.outputs['internal-image'])
  expect(dc.status).toMatchObject({ latestVersion: 2, availableReplicas: 1, updatedReplicas: 1 })
  const rc = await api(rahti.emu, 'GET', `/api/v1/namespaces/demo/replicationcontrollers/${image}-2`, {
    token: tok('editor')
  })
  expect((rc.json().metadata as { annotations: Record<string, string> }).annotations).toMatchObject({
    'openshift.io/deployment.phase': 'Complete'
  })
  expect(main.stdout).toContain(`deploymentconfig/${image} rolled out: 1 of 1 available`)
}, 120_000)

test('a Deployment that follows the pushed tag by a trigger is reported and waited for, not patched', async () => {
  const { image, v1 } = await streamWithV1('trig')
  const trigger = [
    {
      from: { kind: 'ImageStreamTag', name: `${image}:v2` },
      fieldPath: 'spec.template.spec.containers[?(@.name=="app")].image'
    }
  ]
  await createDeployment(image, v1, {
    annotations: { 'image.openshift.io/triggers': JSON.stringify(trigger) }
  })
  // Any patch of this Deployment fails the step: the trigger alone must move it.
  rahti.emu.injectFault({
    method: 'PATCH',
    path: `/deployments/${image}$`,
    server: 'api',
    status: 409,
    count: 100
  })
  const main = await succeed(image, { rollout: `deployment/${image}` })
  expect(main.stdout).toContain(`deployment/${image} follows ${image}:v2 and will roll out`)
  expect(main.stdout).toContain(`deployment/${image} rolled out`)
  const d = await get(`${APPS}/deployments/${image}`)
  expect(d.spec.template.spec.containers[0].image).toBe(main.outputs['internal-image'])
  expect((await rolloutStatus('deployment', image)).status).toBe(0)
}, 120_000)

test('a DeploymentConfig whose ImageChange trigger follows a pushed tag: a new version by the trigger, waited for', async () => {
  const { image } = await streamWithV1('dctrig')
  await pushTiny(rahti.emu, `demo/${image}`, 'live', { bearer: tok('editor') })
  await createDeploymentConfig(image, { imageStreamTag: `${image}:live` })
  rahti.emu.injectFault({
    method: 'PATCH',
    path: `/deploymentconfigs/${image}$`,
    server: 'api',
    status: 409,
    count: 100
  })
  const main = await succeed(image, { tags: 'v2\nlive', rollout: `dc/${image}` })
  expect(main.stdout).toContain(`deploymentconfig/${image} follows ${image}:live and will roll out`)
  const dc = await get(`${DCS}/${image}`)
  expect(dc.spec.template.spec.containers[0].image).toBe(main.outputs['internal-image'])
  expect(dc.status).toMatchObject({ latestVersion: 2, availableReplicas: 1 })
}, 120_000)

const faults = [
  {
    fault: 'pull' as const,
    expected:
      /did not roll out: its pods cannot pull image-registry\.openshift-image-registry\.svc:5000\/demo\/\S+@sha256:[0-9a-f]{64} \((ErrImagePull|ImagePullBackOff): injected pull failure\)/
  },
  {
    fault: 'crash' as const,
    expected:
      /did not roll out: container app keeps crashing \(CrashLoopBackOff, exit code 1, \d+ restarts\); its last log line: "panic: no DATABASE_URL"/
  },
  {
    fault: 'exec-format' as const,
    expected:
      /did not roll out: container app fails at start with "exec format error": the image is not built for the nodes' platform/
  }
]

test.each(faults)(
  'a new image whose pods fail ($fault) fails the step in time with its reason',
  async ({ fault, expected }) => {
    const { image, v1 } = await streamWithV1(fault)
    await createDeployment(image, v1, { replicas: 1 })
    rahti.emu.setImageFault({ image: `demo/${image}:v2`, fault, message: 'panic: no DATABASE_URL' })
    const started = Date.now()
    const main = await action(image, { rollout: `deployment/${image}`, 'rollout-timeout': '40s' })
    expect(main.exitCode).not.toBe(0)
    const error = errorAnnotation(main) ?? ''
    expect(error).toMatch(
      /^The image was pushed \(sha256:[0-9a-f]{64}\), but deployment\/\S+ did not roll out/
    )
    expect(error).toMatch(expected)
    expect(error).toContain("Set 'rollback-on-failure: true'")
    expect(Date.now() - started).toBeLessThan(40_000)
    expect(main.outputs.digest).toMatch(/^sha256:/)
    expect(main.summary).toContain('❌ failed')
    // The old ReplicaSet still serves: a rolling update never took the only available pod away.
    const d = await get(`${APPS}/deployments/${image}`)
    expect(d.status).toMatchObject({ availableReplicas: 1 })
  },
  120_000
)

test('the progress deadline passing, and rollout-timeout, each end the wait with its own words', async () => {
  const { image, v1 } = await streamWithV1('slow')
  await createDeployment(image, v1, { replicas: 1, progressDeadlineSeconds: 3 })
  rahti.emu.setImageFault({ image: `demo/${image}:v2`, fault: 'slow', readyAfterSeconds: 60 })
  const deadline = await action(image, { rollout: `deployment/${image}`, 'rollout-timeout': '60s' })
  expect(errorAnnotation(deadline)).toMatch(
    /did not roll out: it made no progress within its deadline of 3s \(ProgressDeadlineExceeded\); 0 of 1 new pods are ready/
  )
  const kube = await rolloutStatus('deployment', image)
  expect(kube.status).not.toBe(0)
  expect(kube.out).toContain(`deployment "${image}" exceeded its progress deadline`)

  const other = await streamWithV1('late')
  await createDeployment(other.image, other.v1, { replicas: 1 })
  rahti.emu.setImageFault({ image: `demo/${other.image}:v2`, fault: 'slow', readyAfterSeconds: 60 })
  const started = Date.now()
  const late = await action(other.image, { rollout: `deployment/${other.image}`, 'rollout-timeout': '4s' })
  expect(errorAnnotation(late)).toMatch(
    /did not roll out: it did not finish within 4s \('rollout-timeout'\): 1 of 1 updated, 1 ready, 1 available \(1 old pod still running\)\. Raise 'rollout-timeout'/
  )
  expect(Date.now() - started).toBeLessThan(30_000)
}, 150_000)

test('rollback-on-failure: a crash-looping rollout goes back, the previous ReplicaSet serving again', async () => {
  const { image, v1 } = await streamWithV1('back')
  await createDeployment(image, v1)
  rahti.emu.setImageFault({ image: `demo/${image}:v2`, fault: 'crash' })
  const main = await action(image, { rollout: `deployment/${image}`, 'rollback-on-failure': 'true' })
  expect(main.exitCode).not.toBe(0)
  const error = errorAnnotation(main) ?? ''
  expect(error).toContain('keeps crashing')
  expect(error).toMatch(
    new RegExp(
      `Rolled deployment/${image} back to revision 1 \\(ReplicaSet ${image}-\\w+\\), which serves again`
    )
  )
  const d = await get(`${APPS}/deployments/${image}`)
  expect(d.spec.template.spec.containers[0].image).toBe(v1)
  expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3')
  expect(d.status).toMatchObject({ availableReplicas: 2, updatedReplicas: 2, replicas: 2 })
  expect((await rolloutStatus('deployment', image)).status).toBe(0)
  expect(main.summary).toContain('which serves again')
}, 120_000)

test('rollback-on-failure on a DeploymentConfig: its former image as a new version, which serves', async () => {
  const { image, v1 } = await streamWithV1('dcback')
  await createDeploymentConfig(image, { image: v1 })
  rahti.emu.setImageFault({ image: `demo/${image}:v2`, fault: 'exec-format' })
  const main = await action(image, { rollout: `deploymentconfig/${image}`, 'rollback-on-failure': 'true' })
  const error = errorAnnotation(main) ?? ''
  expect(error).toContain(
    `deploymentconfig/${image} did not roll out: container api fails at start with "exec format error"`
  )
  expect(error).toContain(
    `Rolled deploymentconfig/${image} back to the image it ran before (${v1}) as version 3, which serves now.`
  )
  const dc = await get(`${DCS}/${image}`)
  expect(dc.spec.template.spec.containers[0].image).toBe(v1)
  expect(dc.status).toMatchObject({ latestVersion: 3, availableReplicas: 1, updatedReplicas: 1, replicas: 1 })
}, 120_000)

test('missing rights are refused before any upload', async () => {
  const { image, v1 } = await streamWithV1('rights')
  await createDeployment(image, v1, { replicas: 1 })
  const main = await action(image, { rollout: `deployment/${image}` }, 'builder')
  expect(errorAnnotation(main)).toBe(
    `Input 'rollout': system:serviceaccount:demo:builder may not get deployments.apps in demo, which rolling out needs (the project's edit role). Have a project admin run \`oc policy add-role-to-user edit -z builder -n demo\`, or leave 'rollout' empty. Nothing was uploaded.`
  )
  expect(Object.keys(tagsOf(rahti.emu.getImageStream('demo', image)))).toEqual(['v1'])
  const missing = await action(image, { rollout: `deployment/${image}-nope` })
  expect(errorAnnotation(missing)).toContain(
    `Input 'rollout': deployment/${image}-nope does not exist in demo.`
  )
  expect(Object.keys(tagsOf(rahti.emu.getImageStream('demo', image)))).toEqual(['v1'])
}, 120_000)

test('a dry run says which workloads it would roll out and how, and changes nothing', async () => {
  const { image, v1 } = await streamWithV1('dry')
  await createDeployment(image, v1, { replicas: 1 })
  const before = await get(`${APPS}/deployments/${image}`)
  const main = await succeed(image, {
    rollout: `deployment/${image}:app`,
    'dry-run': 'true',
    'rollback-on-failure': 'true'
  })
  expect(main.stdout).toContain(
    `Would set container app of deployment/${image} to ${INTERNAL}/demo/${image}@sha256:<the pushed digest>, and wait for its rollout`
  )
  expect(main.stdout).toContain('Would wait up to 5m for the rollouts, and roll back one that fails')
  const after = await get(`${APPS}/deployments/${image}`)
  expect(after.metadata.generation).toBe(before.metadata.generation)
  expect(after.spec).toEqual(before.spec)
}, 120_000)
