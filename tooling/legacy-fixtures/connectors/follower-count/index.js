async function setupPlugin({ config, global }) {
    global.handle = config.handle.replace(/^@/, '')
    global.options = { method: 'GET', headers: { Authorization: `Bearer ${config.token}` } }
    const res = await fetch(`https://api.example-social.com/users/${global.handle}`, global.options)
    if (res.status !== 200) throw new Error(`Invalid account handle or token (${res.status})`)
}

async function runEveryDay({ global }) {
    const res = await fetch(`https://api.example-social.com/users/${global.handle}/followers`, global.options)
    const { follower_count } = await res.json()
    posthog.capture('social_followers', { follower_count, handle: global.handle })
}

module.exports = { setupPlugin, runEveryDay }
