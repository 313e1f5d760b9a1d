// A tool's failure in the action's words: the containers tools' logrus line is unwrapped to its message.
import { describe, expect, test } from '@jest/globals'

import { toolCause, toolMessage } from '../../src/engines/failures.js'

describe("a tool's last word", () => {
  const fatal =
    'time="2026-12-02T09:00:00Z" level=fatal msg="Error parsing image name \\"docker-archive:/x\\": opening file: read /x: is a directory"'

  test('a logrus line is unwrapped: no time, no level, no quoting', () => {
    expect(toolMessage(`some progress\n${fatal}\n`)).toBe(
      'Error parsing image name "docker-archive:/x": opening file: read /x: is a directory'
    )
    expect(toolCause(fatal)).toBe('is a directory')
  })

  test('any other last line is kept as it is, without a final period', () => {
    expect(toolMessage('Error: denied: requested access to the resource is denied.')).toBe(
      'denied: requested access to the resource is denied'
    )
    expect(toolMessage('')).toBe('no output')
  })
})
