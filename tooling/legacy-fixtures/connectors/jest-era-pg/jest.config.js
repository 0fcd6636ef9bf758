module.exports = {
    testEnvironment: 'node',
    testMatch: ['**/__tests__/**/*.js'],
    globals: { TABLE_NAME: 'events_export' },
    setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
    testTimeout: 15000,
}
