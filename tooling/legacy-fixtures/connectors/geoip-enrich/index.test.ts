import { createPageview, resetMeta } from '@posthog/plugin-scaffold/test/utils'
import { createMmdbGeoIP, createTestCityDatabase } from '@connectors/harness'
import { PluginMeta } from '@posthog/plugin-scaffold'
import * as fs from 'fs'
import * as os from 'os'
import { join } from 'path'

const { processEvent } = require('./index')

const dbFile = join(fs.mkdtempSync(join(os.tmpdir(), 'geoip-')), 'GeoLite2-City-Test.mmdb')
fs.writeFileSync(dbFile, createTestCityDatabase())
const mmdb = createMmdbGeoIP(dbFile)

async function resetMetaWithMmdb(): Promise<PluginMeta> {
    return resetMeta({ geoip: { locate: async (ipAddress: string) => await mmdb.locate(ipAddress) } }) as PluginMeta
}

test('event is enriched with IP location', async () => {
    const event = await processEvent({ ...createPageview(), ip: '89.160.20.129' }, await resetMetaWithMmdb())
    expect(event!.properties).toEqual(
        expect.objectContaining({
            $geoip_city_name: 'Linköping',
            $geoip_country_name: 'Sweden',
            $geoip_country_code: 'SE',
            $geoip_continent_name: 'Europe',
            $geoip_continent_code: 'EU',
            $geoip_latitude: 58.4167,
            $geoip_longitude: 15.6167,
            $geoip_time_zone: 'Europe/Stockholm',
            $geoip_subdivision_1_code: 'E',
            $geoip_subdivision_1_name: 'Östergötland County',
        })
    )
})

test('person is enriched with IP location', async () => {
    const event = await processEvent({ ...createPageview(), ip: '89.160.20.129' }, await resetMetaWithMmdb())
    expect(event!.$set).toEqual(expect.objectContaining({ $geoip_city_name: 'Linköping', $geoip_country_code: 'SE', $geoip_postal_code: '589 41' }))
    expect(event!.$set_once).toEqual(expect.objectContaining({ $initial_geoip_city_name: 'Linköping', $initial_geoip_country_code: 'SE' }))
})

test('properties are unset when a lookup has no city', async () => {
    const event = await processEvent({ ...createPageview(), ip: '216.160.83.58' }, await resetMetaWithMmdb())
    expect(event!.$set).toMatchObject({ $geoip_city_name: undefined, $geoip_country_code: 'US' })
})

test('error is thrown if meta does not have geoip', async () => {
    await expect(async () => await processEvent({ ...createPageview(), ip: '89.160.20.129' }, resetMeta())).rejects.toThrow(
        'This PostHog version does not have GeoIP capabilities! Upgrade to PostHog 1.24.0 or later'
    )
})

test('event is skipped using $geoip_disable', async () => {
    const testEvent = { ...createPageview(), ip: '89.160.20.129', properties: { $geoip_disable: true } }
    const processedEvent = await processEvent(JSON.parse(JSON.stringify(testEvent)), await resetMetaWithMmdb())
    expect(testEvent).toEqual(processedEvent)
})

test('$set is not repeated for the same IP (cache)', async () => {
    const meta = await resetMetaWithMmdb()
    const first = await processEvent({ ...createPageview(), ip: '89.160.20.129' }, meta)
    const second = await processEvent({ ...createPageview(), ip: '89.160.20.129' }, meta)
    expect(first!.$set).toBeDefined()
    expect(second!.$set).toBeUndefined()
})
