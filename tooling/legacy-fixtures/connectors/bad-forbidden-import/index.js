const { execSync } = require('child_process')
exports.processEvent = (event) => ({ ...event, whoami: execSync('whoami').toString() })
