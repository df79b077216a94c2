package dev.preflight.db;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's JDBC job repository and job operator, on the run's pool, with the tables in schema {@code preflight}.
 *
 * <p>Spring Batch's own configuration, not Boot's auto-configuration of it: Boot's binds its properties (batch,
 * batch.jdbc, transaction) through the binder and conversion service and asks the database for its type, all to set
 * what is fixed here, and that was 60-100 ms of every job's first bean (traced). The settings are the ones Boot's gave:
 * a {@link JdbcTransactionManager}, the default serializer, SERIALIZABLE for creating executions, transaction state
 * validated, so the repositories written before stay readable.
 */
@Configuration(proxyBeanMethods = false)
public class BatchConfiguration extends JdbcDefaultBatchConfiguration {

    /** Spring Batch's tables: {@code preflight.batch_job_instance} and the rest (BatchSchema creates them). */
    public static final String TABLE_PREFIX = "preflight.BATCH_";

    private final DataSource dataSource;
    private final JdbcTransactionManager transactionManager;

    public BatchConfiguration(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactionManager = new JdbcTransactionManager(dataSource);
    }

    /** The steps' and the job repository's transaction manager, one for the run. */
    @Bean
    public PlatformTransactionManager transactionManager() {
        return transactionManager;
    }

    @Override
    protected DataSource getDataSource() {
        return dataSource;
    }

    @Override
    protected PlatformTransactionManager getTransactionManager() {
        return transactionManager;
    }

    @Override
    protected String getTablePrefix() {
        return TABLE_PREFIX;
    }

    /** Preflight runs on PostgreSQL only: the default asks the database's metadata for it, on a connection of the pool. */
    @Override
    protected String getDatabaseType() {
        return "POSTGRES";
    }
}
