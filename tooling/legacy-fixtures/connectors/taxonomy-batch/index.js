const transformations = [
    { name: 'camelCase', matchPattern: /[A-Z]/g, transform: (str, matchPattern) => str[0].toLowerCase() + str.slice(1).replace(matchPattern, (substr) => substr[substr.length - 1].toUpperCase()) },
    { name: 'PascalCase', matchPattern: /[A-Z]/g, transform: (str, matchPattern) => str[0].toUpperCase() + str.slice(1).replace(matchPattern, (substr) => substr[substr.length - 1].toUpperCase()) },
    { name: 'snake_case', matchPattern: /[A-Z]/g, transform: (str, matchPattern) => str.replace(matchPattern, (substr) => `_${substr[substr.length - 1].toLowerCase()}`) },
    { name: 'kebab-case', matchPattern: /[A-Z]/g, transform: (str, matchPattern) => str.replace(matchPattern, (substr) => `-${substr[substr.length - 1].toLowerCase()}`) },
    { name: 'spaces in between', matchPattern: /[A-Z]/g, transform: (str, matchPattern) => str.replace(matchPattern, (substr) => ` ${substr[substr.length - 1].toLowerCase()}`) },
]

const skippedPostHogEvents = ['survey shown', 'survey sent', 'survey dismissed']

function standardizeName(name, desiredPattern) {
    // split into words on any separator or case change, then join in the desired pattern
    const words = name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[\s_-]+/)
        .filter(Boolean)
        .map((w) => w.toLowerCase())
    const camel = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('')
    return desiredPattern.transform(camel, desiredPattern.matchPattern)
}

async function processEventBatch(events, { config }) {
    const defaultTransformation = config.defaultNamingConvention
    for (const event of events) {
        if (!event.event.startsWith('$') && !skippedPostHogEvents.includes(event.event)) {
            const transformation = transformations.find((t) => t.name === defaultTransformation)
            event.event = standardizeName(event.event, transformation)
        }
    }
    return events
}

module.exports = { processEventBatch }
