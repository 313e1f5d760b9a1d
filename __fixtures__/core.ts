// The one stand-in for @actions/core in the unit tests, typed from the real module (the pattern of
// actions/typescript-action's __fixtures__/core.ts). A test file mocks the module before it imports the code
// under test, and asserts on these functions:
//
//   import * as core from '../__fixtures__/core.js'
//   jest.unstable_mockModule('@actions/core', () => core)
//   const { thing } = await import('../src/thing.js')
import type * as actionsCore from '@actions/core'
import { jest } from '@jest/globals'

export const debug = jest.fn<typeof actionsCore.debug>()
export const info = jest.fn<typeof actionsCore.info>()
export const notice = jest.fn<typeof actionsCore.notice>()
export const warning = jest.fn<typeof actionsCore.warning>()
export const error = jest.fn<typeof actionsCore.error>()
export const setFailed = jest.fn<typeof actionsCore.setFailed>()
export const isDebug = jest.fn<typeof actionsCore.isDebug>()

export const getInput = jest.fn<typeof actionsCore.getInput>()
export const setOutput = jest.fn<typeof actionsCore.setOutput>()
export const setSecret = jest.fn<typeof actionsCore.setSecret>()
export const exportVariable = jest.fn<typeof actionsCore.exportVariable>()
export const addPath = jest.fn<typeof actionsCore.addPath>()
export const getState = jest.fn<typeof actionsCore.getState>()
export const saveState = jest.fn<typeof actionsCore.saveState>()

/**
 * Runs the group's body, as the real one does. `jest.resetAllMocks()` drops that implementation: a file that
 * runs code through a group clears its mocks (`jest.clearAllMocks()`) instead.
 */
export const group = jest.fn<typeof actionsCore.group>(async (_name, fn) => fn())
