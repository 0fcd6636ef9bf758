/** The job that runs the loader script on the configured cluster (the original's spec, unchanged). */
export function buildJobSpec(clusterId: string, pythonFile: string): Record<string, unknown> {
  return {
    name: "A python job to push data into db",
    tasks: [
      {
        task_key: "python",
        description: "Extracts session data from events",
        depends_on: [],
        existing_cluster_id: clusterId,
        spark_python_task: { python_file: `dbfs:${pythonFile}` },
        libraries: [],
        timeout_seconds: 86400,
        max_retries: 3,
        min_retry_interval_millis: 2000,
        retry_on_timeout: false,
      },
    ],
    job_clusters: [
      {
        job_cluster_key: "auto_scaling_cluster",
        new_cluster: {
          spark_version: "7.3.x-scala2.12",
          node_type_id: "i3.xlarge",
          spark_conf: { "spark.speculation": true },
          aws_attributes: { availability: "SPOT", zone_id: "us-west-2a" },
          autoscale: { min_workers: 2, max_workers: 16 },
        },
      },
    ],
    timeout_seconds: 86400,
    max_concurrent_runs: 10,
    format: "MULTI_TASK",
  };
}
