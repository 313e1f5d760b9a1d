// `npm run docs`: writes the README's inputs and outputs tables from action.yml, the one place where inputs and
// outputs are defined, between marker comments. `npm run docs -- --check` only says whether they differ (the unit
// test __tests__/docs.test.ts fails in that case too). The README is formatted with the project's Prettier settings,
// so that `npm run lint` accepts what this writes.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as prettier from 'prettier'
import { parse } from 'yaml'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface ActionInput {
  description: string
  required?: boolean
  default?: string
}

export interface ActionMetadata {
  inputs: Record<string, ActionInput>
  outputs: Record<string, { description: string }>
}

export function readActionMetadata(root = ROOT): ActionMetadata {
  const meta = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as Partial<ActionMetadata>
  return { inputs: meta.inputs ?? {}, outputs: meta.outputs ?? {} }
}

/** A table cell: one line, and a `|` that would end the cell escaped. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

export function inputsTable(meta: ActionMetadata): string {
  const rows = Object.entries(meta.inputs).map(([name, input]) => {
    const fallback = input.default !== undefined && input.default !== '' ? code(String(input.default)) : ''
    const required = input.required ? 'yes' : 'no'
    return `| ${code(name)} | ${required} | ${fallback} | ${cell(input.description)} |`
  })
  return ['| input | required | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(meta: ActionMetadata): string {
  const rows = Object.entries(meta.outputs).map(
    ([name, output]) => `| ${code(name)} | ${cell(output.description)} |`
  )
  return ['| output | description |', '| --- | --- |', ...rows].join('\n')
}

export const SECTIONS = {
  inputs: inputsTable,
  outputs: outputsTable
} as const

/** Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->` for each generated section. */
export function replaceSections(readme: string, meta: ActionMetadata): string {
  let out = readme
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = `<!-- ${name}:start -->`
    const end = `<!-- ${name}:end -->`
    const from = out.indexOf(start)
    const to = out.indexOf(end)
    if (from < 0 || to < from) {
      throw new Error(
        `README.md has no ${start} ... ${end} markers: add them where the ${name} table belongs.`
      )
    }
    out = `${out.slice(0, from + start.length)}\n\n${render(meta)}\n\n${out.slice(to)}`
  }
  return out
}

/** The README as `npm run docs` would write it. */
export async function generatedReadme(readme: string, meta: ActionMetadata, root = ROOT): Promise<string> {
  const options = (await prettier.resolveConfig(path.join(root, 'README.md'))) ?? {}
  return prettier.format(replaceSections(readme, meta), { ...options, parser: 'markdown' })
}

async function main(): Promise<number> {
  const file = path.join(ROOT, 'README.md')
  const readme = readFileSync(file, 'utf8')
  const generated = await generatedReadme(readme, readActionMetadata())
  if (generated === readme) {
    console.log('README.md: the inputs and outputs tables match action.yml.')
    return 0
  }
  if (process.argv.includes('--check')) {
    console.error("README.md's inputs or outputs tables differ from action.yml: run `npm run docs`.")
    return 1
  }
  writeFileSync(file, generated)
  console.log('README.md: wrote the inputs and outputs tables from action.yml.')
  return 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main()
}
