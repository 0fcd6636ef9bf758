const snowflake = require('snowflake-sdk')

function execute(connection, sqlText, binds) {
    return new Promise((resolve, reject) => {
        connection.execute({
            sqlText,
            binds,
            complete: (err, statement, rows) => (err ? reject(err) : resolve({ rows, statement })),
        })
    })
}

async function setupPlugin({ config, global }) {
    global.connection = snowflake.createConnection({
        account: config.account,
        username: config.username,
        password: config.password,
        database: config.database,
        schema: config.dbschema,
        warehouse: config.warehouse,
    })
    await new Promise((resolve, reject) => global.connection.connect((err, conn) => (err ? reject(err) : resolve(conn))))
    const { rows } = await execute(global.connection, `select count(*) as N from ${config.table}`)
    console.log(`Connected to Snowflake; ${config.table} holds ${rows[0].N} rows`)
}

async function exportEvents(events, { config, global }) {
    const values = events.map(() => '(?, ?, ?, ?)').join(', ')
    const binds = events.flatMap((e) => [e.uuid, e.event, e.distinct_id, e.timestamp])
    const { statement } = await execute(global.connection, `insert into ${config.table} (uuid, event, distinct_id, timestamp) values ${values}`, binds)
    console.log(`Inserted ${statement.getNumUpdatedRows()} rows (query ${statement.getStatementId()})`)
}

async function teardownPlugin({ global }) {
    await new Promise((resolve) => global.connection.destroy(() => resolve()))
}

module.exports = { setupPlugin, exportEvents, teardownPlugin }
