import { DEFAULT_OC_MIRROR, parseOcMirror, parseOcVersion } from '../../src/oc/inputs.js'

describe('parseOcVersion', () => {
  test.each([
    ['', { kind: 'default' }],
    ['   ', { kind: 'default' }],
    ['none', { kind: 'none' }],
    ['NONE', { kind: 'none' }],
    ['stable', { kind: 'channel', channel: 'stable' }],
    ['latest', { kind: 'channel', channel: 'latest' }],
    ['fast', { kind: 'channel', channel: 'fast' }],
    ['candidate', { kind: 'channel', channel: 'candidate' }],
    ['Stable-4.16', { kind: 'channel', channel: 'stable-4.16' }],
    ['latest-4.15', { kind: 'channel', channel: 'latest-4.15' }],
    ['candidate-4.18', { kind: 'channel', channel: 'candidate-4.18' }],
    ['eus-4.16', { kind: 'channel', channel: 'eus-4.16' }],
    ['4.16', { kind: 'channel', channel: 'stable-4.16' }],
    [' 4.14 ', { kind: 'channel', channel: 'stable-4.14' }],
    ['4.16.3', { kind: 'exact', version: '4.16.3' }],
    ['v4.16.3', { kind: 'exact', version: '4.16.3' }],
    ['4.17.0-rc.3', { kind: 'exact', version: '4.17.0-rc.3' }],
    ['4.18.0-ec.2', { kind: 'exact', version: '4.18.0-ec.2' }]
  ])('%p is %p', (input, expected) => {
    expect(parseOcVersion(input)).toEqual(expected)
  })

  test.each([
    '4',
    'latest-4',
    'stable-',
    'eus',
    'stabel',
    '4.16.x',
    '4.16.3.1',
    '4.16.3-',
    '../4.16.3',
    '4.16/3',
    '>=4.16'
  ])('%p is refused, naming the input and the accepted forms', input => {
    expect(() => parseOcVersion(input)).toThrow(/oc-version.*4\.16\.3.*4\.16.*stable-4\.16.*none/)
  })
})

describe('parseOcMirror', () => {
  test.each([
    ['', DEFAULT_OC_MIRROR],
    [DEFAULT_OC_MIRROR, DEFAULT_OC_MIRROR],
    [`${DEFAULT_OC_MIRROR}/`, DEFAULT_OC_MIRROR],
    [`${DEFAULT_OC_MIRROR}//`, DEFAULT_OC_MIRROR],
    ['http://127.0.0.1:8080/ocp/', 'http://127.0.0.1:8080/ocp'],
    ['https://mirror.example.org', 'https://mirror.example.org']
  ])('%p is %p', (input, expected) => {
    expect(parseOcMirror(input)).toBe(expected)
  })

  test.each([
    ['mirror.openshift.com/pub', /oc-mirror.*not a URL/],
    ['ftp://mirror.example.org/ocp', /oc-mirror.*http or https/],
    ['file:///srv/ocp', /oc-mirror.*http or https/],
    ['https://user:secret@mirror.example.org/ocp', /oc-mirror.*user name or password/],
    ['https://mirror.example.org/ocp?x=1', /oc-mirror.*query/]
  ])('%p is refused', (input, message) => {
    expect(() => parseOcMirror(input)).toThrow(message)
  })
})
