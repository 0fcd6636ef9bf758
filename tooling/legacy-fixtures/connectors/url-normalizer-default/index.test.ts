import { PluginEvent } from '@posthog/plugin-scaffold'
const plugin = require('./index').default

const demoEvent = (url?: string): PluginEvent => ({
    event: '$pageview',
    properties: url === undefined ? {} : { $current_url: url },
    distinct_id: 'x',
    ip: null,
    now: '2022-01-01T00:00:00Z',
    site_url: 'http://localhost',
    team_id: 1,
    uuid: '00000000-0000-4000-8000-000000000000',
}) as PluginEvent

describe('processEvent', () => {
    it('normalizes the case', () => {
        expect(plugin.processEvent(demoEvent('https://EXAMPLE.com/Path'), {}).properties.$current_url).toBe('https://example.com/path')
    })
    it('removes the trailing slash', () => {
        expect(plugin.processEvent(demoEvent('https://example.com/one/'), {}).properties.$current_url).toBe('https://example.com/one')
    })
    it('keeps the root slash and anchors', () => {
        expect(plugin.processEvent(demoEvent('https://example.com/'), {}).properties.$current_url).toBe('https://example.com/')
        expect(plugin.processEvent(demoEvent('https://example.com/a#Top'), {}).properties.$current_url).toBe('https://example.com/a#top')
    })
    it('leaves events without $current_url alone', () => {
        expect(plugin.processEvent(demoEvent(), {})).toEqual(demoEvent())
    })
    it('throws a string for an invalid URL', () => {
        expect(() => plugin.processEvent(demoEvent('not a url'), {})).toThrow('Unable to normalize invalid URL: "not a url"')
    })
    it('logs through console.debug', () => {
        const debug = jest.spyOn(console, 'debug').mockImplementation(() => {})
        plugin.processEvent(demoEvent('https://example.com/X/'), {})
        expect(debug).toHaveBeenCalledWith('event.$current_url: "https://example.com/X/" normalized to "https://example.com/x"')
    })
})
