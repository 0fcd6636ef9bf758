const helper = (event) => event
module.exports = { helper, version: 2 }
