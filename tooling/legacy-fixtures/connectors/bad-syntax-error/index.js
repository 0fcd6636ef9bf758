exports.processEvent = (event) => {
    return { ...event, broken: true
}
