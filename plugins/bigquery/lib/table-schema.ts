/** A BigQuery schema field. */
export interface SchemaField {
  name: string;
  type: string;
  mode?: string;
}

/** The 12 columns the connector writes (all NULLABLE). */
export const TABLE_SCHEMA: SchemaField[] = [
  { name: "uuid", type: "STRING", mode: "NULLABLE" },
  { name: "event", type: "STRING", mode: "NULLABLE" },
  { name: "properties", type: "STRING", mode: "NULLABLE" },
  { name: "elements", type: "STRING", mode: "NULLABLE" },
  { name: "set", type: "STRING", mode: "NULLABLE" },
  { name: "set_once", type: "STRING", mode: "NULLABLE" },
  { name: "distinct_id", type: "STRING", mode: "NULLABLE" },
  { name: "team_id", type: "INT64", mode: "NULLABLE" },
  { name: "ip", type: "STRING", mode: "NULLABLE" },
  { name: "site_url", type: "STRING", mode: "NULLABLE" },
  { name: "timestamp", type: "TIMESTAMP", mode: "NULLABLE" },
  { name: "bq_ingested_timestamp", type: "TIMESTAMP", mode: "NULLABLE" },
];
