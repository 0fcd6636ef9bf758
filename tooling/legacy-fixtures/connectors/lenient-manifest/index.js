// A third-party connector with a plugin.json PostHog accepted as it is: placeholder url, a secret
// field with a default, a "number" field type, a stray "placeholder", a key with a space.
function setupPlugin({ config, global }) {
    global.size = parseInt(config.batchSize, 10)
    console.log('configured with key ' + config.apiKey + ' in ' + config.region)
}

function processEvent(event, { config, global }) {
    event.properties = event.properties || {}
    event.properties[config['Property Name']] = 'lenient-manifest'
    event.properties.batch_size = global.size
    return event
}

module.exports = { setupPlugin, processEvent }
