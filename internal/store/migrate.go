package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrationFiles embed.FS

// Migrate applies every pending versioned migration for the store's dialect. On PostgreSQL it
// holds a session advisory lock, so several replicas starting at once migrate exactly once.
// That lock lives on one server session: behind a transaction-pooling proxy the lock and the
// unlock may reach different server connections, so Migrate needs a direct connection (or
// session pooling).
func (s *Store) Migrate(ctx context.Context) error {
	if s.poolMode == PoolTransaction {
		return fmt.Errorf("store: migrations need a session (an advisory lock), not a transaction pooler: migrate through a direct connection")
	}
	provider, err := s.migrations(true)
	if err != nil {
		return err
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// MigrationsPending reports whether the database lacks migrations this binary has. It reads the
// version table without the lock, so it works through a transaction pooler too.
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	provider, err := s.migrations(false)
	if err != nil {
		return false, err
	}
	pending, err := provider.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("store: migration status: %w", err)
	}
	return pending, nil
}

// migrations is the goose provider over the embedded migrations of the store's dialect, with
// the PostgreSQL session lock when locked.
func (s *Store) migrations(locked bool) (*goose.Provider, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.dialect == DialectPostgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
		if locked {
			locker, err := lock.NewPostgresSessionLocker()
			if err != nil {
				return nil, fmt.Errorf("store: migration lock: %w", err)
			}
			opts = append(opts, goose.WithSessionLocker(locker))
		}
	}
	fsys, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	provider, err := goose.NewProvider(dialect, sqlDB, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return provider, nil
}

// MigrationFiles exposes the embedded migrations (tests hash them to name template databases).
func MigrationFiles() fs.FS { return migrationFiles }
