/**
 * Metric names the shipped exporters and components expose, per component (those the
 * dashboards read; checked against the exporters' documentation and, for Prometheus and
 * node-exporter, against the live scrape in prometheus.e2e.test.ts).
 */
export const EXPORTER_METRICS: Readonly<Record<string, readonly string[]>> = {
  /** Prometheus' own synthetic series per target and for alerts. */
  scrape: [
    'up',
    'scrape_duration_seconds',
    'scrape_samples_scraped',
    'scrape_samples_post_metric_relabeling',
    'scrape_series_added',
    'ALERTS',
    'ALERTS_FOR_STATE',
  ],
  prometheus: [
    'prometheus_tsdb_head_series',
    'prometheus_tsdb_head_samples_appended_total',
    'prometheus_config_last_reload_successful',
    'prometheus_rule_group_last_duration_seconds',
    'prometheus_rule_evaluation_failures_total',
    'prometheus_rule_group_iterations_missed_total',
    'prometheus_tsdb_storage_blocks_bytes',
    'prometheus_notifications_sent_total',
    'prometheus_notifications_errors_total',
    'prometheus_notifications_dropped_total',
    'process_resident_memory_bytes',
  ],
  alertmanager: [
    'alertmanager_config_last_reload_successful',
    'alertmanager_notifications_total',
    'alertmanager_notifications_failed_total',
    'alertmanager_notification_latency_seconds_bucket',
    'alertmanager_alerts',
    'alertmanager_silences',
  ],
  grafana: [
    'grafana_http_request_duration_seconds_count',
    'grafana_http_request_duration_seconds_bucket',
    'grafana_datasource_request_total',
  ],
  /**
   * Jaeger 2.20.0's telemetry port: the OpenTelemetry Collector v0.155.0 helpers' metrics
   * (receiver/receiverhelper and exporter/exporterhelper documentation.md; counters get `_total`
   * from the Prometheus reader), the Elasticsearch bulk writer (spanstoremetrics.WriteMetrics
   * under namespace storage, table bulk_index), and the spanmetrics connector's series
   * (namespace traces.span.metrics, histogram unit s, as constructs/jaeger/files.ts sets them).
   */
  jaeger: [
    'otelcol_receiver_accepted_spans_total',
    'otelcol_receiver_refused_spans_total',
    'otelcol_exporter_sent_spans_total',
    'otelcol_exporter_send_failed_spans_total',
    'otelcol_exporter_queue_size',
    'otelcol_exporter_queue_capacity',
    'jaeger_storage_bulk_index_inserts_total',
    'jaeger_storage_bulk_index_errors_total',
    'traces_span_metrics_calls_total',
    'traces_span_metrics_duration_seconds_bucket',
  ],
  /** elasticsearch_exporter v1.11.0 (collector/cluster_health.go, nodes.go, cluster_settings.go, ilm.go). */
  elasticsearch: [
    'elasticsearch_cluster_health_status',
    'elasticsearch_cluster_health_number_of_nodes',
    'elasticsearch_cluster_health_number_of_pending_tasks',
    'elasticsearch_cluster_health_active_shards',
    'elasticsearch_cluster_health_initializing_shards',
    'elasticsearch_cluster_health_relocating_shards',
    'elasticsearch_cluster_health_unassigned_shards',
    'elasticsearch_cluster_health_delayed_unassigned_shards',
    'elasticsearch_filesystem_data_available_bytes',
    'elasticsearch_filesystem_data_size_bytes',
    'elasticsearch_jvm_memory_used_bytes',
    'elasticsearch_jvm_memory_max_bytes',
    'elasticsearch_clustersettings_allocation_watermark_high_ratio',
    'elasticsearch_ilm_status',
    'elasticsearch_ilm_index_status',
  ],
  nodeExporter: [
    'node_cpu_seconds_total',
    'node_memory_MemAvailable_bytes',
    'node_memory_MemTotal_bytes',
    'node_filesystem_avail_bytes',
    'node_filesystem_size_bytes',
    'node_load1',
    'node_uname_info',
    'node_disk_read_bytes_total',
    'node_disk_written_bytes_total',
    'node_network_receive_bytes_total',
    'node_network_transmit_bytes_total',
    'node_network_receive_errs_total',
    'node_network_transmit_errs_total',
    'node_network_receive_drop_total',
    'node_network_transmit_drop_total',
    'node_boot_time_seconds',
    'node_load5',
    'node_load15',
    'node_memory_Cached_bytes',
    'node_memory_Buffers_bytes',
    'node_memory_MemFree_bytes',
    'node_disk_io_time_seconds_total',
    'node_disk_reads_completed_total',
    'node_disk_writes_completed_total',
    'node_filesystem_files_free',
    'node_filesystem_files',
    'node_filefd_allocated',
    'node_filefd_maximum',
  ],
  /** cAdvisor (kubelet /metrics/cadvisor, or the cadvisor container on Docker). */
  cadvisor: [
    'container_cpu_usage_seconds_total',
    'container_memory_working_set_bytes',
    'container_cpu_cfs_periods_total',
    'container_cpu_cfs_throttled_periods_total',
  ],
  kubeStateMetrics: [
    'kube_pod_container_resource_limits',
    'kube_pod_container_status_restarts_total',
    'kube_pod_status_phase',
    'kube_pod_info',
    'kube_pod_owner',
    'kube_replicaset_owner',
    'kube_pod_container_resource_requests',
    'kube_node_status_allocatable',
  ],
  /** postgres_exporter v0.20.1 (collector/*.go: default-enabled collectors; pg_up from exporter/postgres_exporter.go). */
  postgresExporter: [
    'pg_up',
    'pg_stat_database_xact_commit',
    'pg_stat_database_xact_rollback',
    'pg_stat_database_tup_fetched',
    'pg_stat_database_tup_inserted',
    'pg_stat_database_tup_updated',
    'pg_stat_database_tup_deleted',
    'pg_stat_activity_count',
    'pg_settings_max_connections',
    'pg_stat_database_blks_hit',
    'pg_stat_database_blks_read',
    'pg_stat_activity_max_tx_duration',
    'pg_stat_database_deadlocks',
    'pg_locks_count',
    'pg_replication_lag_seconds',
    // collector/pg_stat_statements.go (with `queryStatistics`: --collector.stat_statements)
    'pg_stat_statements_calls_total',
    'pg_stat_statements_seconds_total',
  ],
  /**
   * mysqld_exporter v0.20.0: SHOW GLOBAL STATUS / VARIABLES (generic `mysql_global_status_<var>`,
   * Com_* as `commands_total{command}`), SHOW SLAVE/REPLICA STATUS columns, and the collectors the
   * stack switches on (perf_schema.eventsstatementssum, info_schema.innodb_metrics).
   * `Innodb_deadlocks` is a MariaDB status variable; MySQL counts deadlocks in innodb_metrics.
   */
  mysqldExporter: [
    'mysql_up',
    'mysql_global_status_commands_total',
    'mysql_global_status_queries',
    'mysql_global_status_slow_queries',
    'mysql_global_status_threads_connected',
    'mysql_global_status_max_used_connections',
    'mysql_global_variables_max_connections',
    'mysql_global_status_innodb_buffer_pool_reads',
    'mysql_global_status_innodb_buffer_pool_read_requests',
    'mysql_global_status_innodb_row_lock_waits',
    'mysql_global_status_table_locks_waited',
    'mysql_global_status_innodb_deadlocks',
    'mysql_info_schema_innodb_metrics_lock_lock_deadlocks_total',
    'mysql_perf_schema_events_statements_sum_timer_wait',
    'mysql_perf_schema_events_statements_sum_total',
    'mysql_slave_status_seconds_behind_master',
    'mysql_slave_status_seconds_behind_source',
  ],
  /** redis_exporter v1.88.0 (exporter/exporter.go metric maps; `config_maxclients` from CONFIG GET). */
  redisExporter: [
    'redis_up',
    'redis_commands_processed_total',
    'redis_keyspace_hits_total',
    'redis_keyspace_misses_total',
    'redis_commands_duration_seconds_total',
    'redis_commands_total',
    'redis_connected_clients',
    'redis_blocked_clients',
    'redis_config_maxclients',
    'redis_memory_used_bytes',
    'redis_memory_max_bytes',
    'redis_evicted_keys_total',
    'redis_expired_keys_total',
    'redis_db_keys',
  ],
  /** kafka_exporter v1.9.0 (kafka_exporter.go descriptors). */
  kafkaExporter: [
    'kafka_brokers',
    'kafka_consumergroup_lag',
    'kafka_consumergroup_members',
    'kafka_topic_partition_current_offset',
    'kafka_topic_partition_under_replicated_partition',
  ],
};
