package dev.preflight.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.preflight.config.DatabaseTarget;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run's DataSource, on the direct URL: Flyway's advisory locks, DDL and the job repository
 * all need a real session, which a transaction-mode pooler does not give.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfiguration {

    /** Not a bean when the run registered its own pool (a Session opens it before Spring and closes it itself). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DataSource.class)
    public HikariDataSource dataSource(DatabaseTarget target) {
        HikariDataSource ds = Connections.pool(target.ddlUrl(), "preflight", 8);
        ds.setInitializationFailTimeout(-1); // connectivity was checked before the context started
        return ds;
    }
}
