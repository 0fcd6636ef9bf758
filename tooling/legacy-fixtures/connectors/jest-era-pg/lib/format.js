function now() {
    return new Date().toISOString()
}

function toRow(event) {
    return [event.uuid, event.event, event.distinct_id, JSON.stringify(event.properties || {}), event.timestamp || now()]
}

module.exports = { now, toRow }
