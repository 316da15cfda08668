package dev.asp.infrastructure.persistence.session;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The group commit on the embedded database, the zero-set-up default. */
class GroupCommitTest extends GroupCommitContract {
    @Override
    DataSource freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:gc" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        return h2;
    }
}
