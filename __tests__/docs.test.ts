// The README's inputs and outputs tables are action.yml's, as `npm run docs` writes them.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, test } from '@jest/globals'

const { ROOT, generatedReadme, readActionMetadata, replaceSections, inputsTable } =
  await import('../scripts/docs.js')

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const meta = readActionMetadata()

describe('README tables', () => {
  test('equal what `npm run docs` generates from action.yml', async () => {
    // On failure: run `npm run docs` and commit README.md.
    expect(await generatedReadme(readme, meta)).toBe(readme)
  })

  test('list every input and output of action.yml', () => {
    for (const name of [...Object.keys(meta.inputs), ...Object.keys(meta.outputs)])
      expect(readme).toContain(`| \`${name}\``)
    expect(Object.keys(meta.inputs)).toEqual(expect.arrayContaining(['token', 'image', 'tags']))
  })

  test('drift is detected: an input added to action.yml changes the README', async () => {
    const more = {
      ...meta,
      inputs: { ...meta.inputs, 'new-input': { description: 'Something new.', default: 'x' } }
    }
    const generated = await generatedReadme(readme, more)
    expect(generated).not.toBe(readme)
    expect(generated).toMatch(/\| `new-input` +\| no +\| `x` +\| Something new\. +\|/)
  })

  test('a description with a pipe or line breaks stays one table cell', () => {
    const table = inputsTable({
      inputs: { a: { description: 'one | two\nthree', required: true } },
      outputs: {}
    })
    expect(table.split('\n')[2]).toBe('| `a` | yes |  | one \\| two three |')
  })

  test('a README without the markers is an error that says what to add', () => {
    expect(() => replaceSections('# README\n', meta)).toThrow('<!-- inputs:start -->')
  })
})
