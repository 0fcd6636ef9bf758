// Written without "use strict", as many 2021 plugins were: `recent` and `keep` are implicit globals
// (assignments to undeclared names), and `tally` relies on `this` being the global object.
function setupPlugin({ config }) {
    recent = []
    keep = parseInt(config.limit, 10) || 3
}

function tally() {
    this.seenCount = (this.seenCount || 0) + 1
    return seenCount
}

function processEvent(event) {
    recent.push(event.event)
    if (recent.length > keep) recent.shift()
    event.properties = Object.assign({}, event.properties, { recent_events: recent.slice(), seen_count: tally() })
    return event
}

module.exports = { setupPlugin, processEvent }
