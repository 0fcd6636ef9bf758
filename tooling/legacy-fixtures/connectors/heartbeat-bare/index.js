// No exports at all: the plugin server found these as globals of the VM.
async function setupPlugin({ global }) {
    global.beats = 0
}

async function runEveryMinute({ global, cache }) {
    global.beats++
    const total = await cache.incr('beats')
    posthog.capture('heartbeat', { $lib: 'heartbeat', beats_this_run: global.beats, beats_total: total })
}
