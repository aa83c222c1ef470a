package main

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/trace"

	"github.com/reboundhq/rebound/internal/store"
)

// errMigrateThroughPooler refuses `rebound migrate` through a transaction pooler: goose holds a
// session advisory lock, and a transaction pooler may send the lock and the unlock to different
// server connections, leaving the lock held on one of them.
var errMigrateThroughPooler = errors.New("migrations need a direct connection, and REBOUND_DB_POOL_MODE=transaction says DATABASE_URL is a transaction pooler: " +
	"set REBOUND_MIGRATE_DATABASE_URL to PostgreSQL itself (or a session pooler), or run rebound migrate with DATABASE_URL pointing there")

// errSchemaBehind stops a process whose database lacks migrations it needs and that may not
// apply them itself.
var errSchemaBehind = errors.New("the database lacks migrations this release needs, and REBOUND_DB_POOL_MODE=transaction keeps this process from applying them: " +
	"run rebound migrate on a direct connection first (or set REBOUND_MIGRATE_DATABASE_URL)")

// storeConfig is the store's configuration for the database at url.
func storeConfig(cfg config, url, poolMode string) store.Config {
	return store.Config{DatabaseURL: url, DataDir: cfg.DataDir, MaxOpenConns: cfg.DBMaxConns,
		PoolMode: poolMode, StatementTimeout: cfg.StatementTimeout, LockTimeout: cfg.LockTimeout}
}

// openStore opens the configured database and makes sure its schema is current before anything
// uses it. Migrations run through REBOUND_MIGRATE_DATABASE_URL when it is set, else through
// DATABASE_URL in session mode. Behind a transaction pooler without a migration URL nothing is
// migrated (the lock would not hold): the process only checks that `rebound migrate` has run
// and refuses to start on an older schema. tp traces the store's work inside traced requests
// (nil: none).
func openStore(ctx context.Context, cfg config, tp trace.TracerProvider) (*store.Store, error) {
	scfg := storeConfig(cfg, cfg.DatabaseURL, cfg.DBPoolMode)
	scfg.TracerProvider = tp
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return nil, err
	}
	if err := prepareSchema(ctx, cfg, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func prepareSchema(ctx context.Context, cfg config, st *store.Store) error {
	switch {
	case cfg.MigrateDatabaseURL != "":
		// A migration may rightly run longer than any request statement (an index build), so
		// only the lock timeout applies: it keeps DDL from queueing the traffic behind a lock.
		mcfg := storeConfig(cfg, cfg.MigrateDatabaseURL, store.PoolSession)
		mcfg.MaxOpenConns, mcfg.StatementTimeout = 2, 0
		ms, err := store.Open(ctx, mcfg)
		if err != nil {
			return err
		}
		defer ms.Close()
		return ms.Migrate(ctx)
	case cfg.DBPoolMode != store.PoolTransaction:
		return st.Migrate(ctx)
	}
	pending, err := st.MigrationsPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		return errSchemaBehind
	}
	return nil
}
