import { jest } from '@jest/globals'

test('esm import of @actions/core works under jest', async () => {
  jest.unstable_mockModule('@actions/core', () => ({ info: jest.fn() }))
  const core = await import('@actions/core')
  const { run } = await import('../src/main.js')
  await run()
  expect(core.info).toHaveBeenCalledWith('rahti-push: skeleton')
})
