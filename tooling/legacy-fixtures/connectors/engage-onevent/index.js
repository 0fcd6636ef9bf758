const apiUrl = 'https://api.engage.so/v1'

exports.onEvent = async (_event, { config }) => {
    const event = _event.event
    if (event.startsWith('$') && event !== '$identify') return
    const auth = 'Basic ' + Buffer.from(`${config.publicKey}:${config.secret}`).toString('base64')
    const uid = _event.distinct_id
    if (event === '$identify') {
        const props = { ..._event.$set }
        const data = { email: props.email, first_name: props.first_name, last_name: props.last_name }
        await fetch(`${apiUrl}/users/${uid}`, { method: 'PUT', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(data) })
        return
    }
    await fetch(`${apiUrl}/users/${uid}/events`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ event, timestamp: _event.timestamp, properties: _event.properties }),
    })
}
