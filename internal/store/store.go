// Package store is Rebound's persistence: one Store over GORM, one file per table, every method
// tenant-first. It runs on PostgreSQL in production and on an embedded SQLite file for the
// zero-setup default; both share the same code and have their own versioned migrations.
package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/reboundhq/rebound/internal/model"
)

// Dialects the store runs on.
const (
	DialectPostgres = "postgres"
	DialectSQLite   = "sqlite"
)

// Config says which database to open: DatabaseURL (a postgres:// URL) when set, else the SQLite
// file rebound.db inside DataDir.
type Config struct {
	DatabaseURL string
	DataDir     string
	// MaxOpenConns bounds the PostgreSQL pool; 0 means a default of 20.
	MaxOpenConns int
}

// Store is the persistence handle. Inside a transaction (WithTx) it is bound to that
// transaction, so the same methods compose into one atomic write.
type Store struct {
	db      *gorm.DB
	dialect string
}

// Open connects to the configured database. It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	gcfg := &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        Now,
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if cfg.DatabaseURL != "" {
		if !strings.HasPrefix(cfg.DatabaseURL, "postgres://") && !strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
			return nil, errors.New("store: DATABASE_URL must be a postgres:// or postgresql:// URL")
		}
		dialect = DialectPostgres
		db, err = gorm.Open(postgres.New(postgres.Config{DSN: cfg.DatabaseURL}), gcfg)
	} else {
		dir := cfg.DataDir
		if dir == "" {
			dir = "data"
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create data directory: %w", err)
		}
		dialect = DialectSQLite
		path := filepath.Join(dir, "rebound.db")
		// Foreign keys are off by default in SQLite; WAL lets readers work beside the writer;
		// immediate transactions take the write lock up front instead of failing on upgrade.
		dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = gorm.Open(sqlite.Open(dsn), gcfg)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if dialect == DialectSQLite {
		// One connection serialises writers, which is what SQLite wants; it is the zero-setup
		// default, not the production database.
		sqlDB.SetMaxOpenConns(1)
	} else {
		n := cfg.MaxOpenConns
		if n <= 0 {
			n = 20
		}
		sqlDB.SetMaxOpenConns(n)
		sqlDB.SetMaxIdleConns(n / 2)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", dialect, err)
	}
	return &Store{db: db, dialect: dialect}, nil
}

// Dialect names the database in use (DialectPostgres or DialectSQLite).
func (s *Store) Dialect() string { return s.dialect }

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// GormDB exposes the underlying handle for operational needs (pool statistics, tests).
func (s *Store) GormDB() *gorm.DB { return s.db }

// WithTx runs fn in one database transaction: everything fn does through tx commits together or
// not at all. A Store already inside a transaction nests as a savepoint.
func (s *Store) WithTx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&Store{db: db, dialect: s.dialect})
	})
}

// scoped is the one way to query a tenant's rows. It fails closed: with an empty tenant id every
// query on the returned handle errors instead of matching all tenants.
func (s *Store) scoped(ctx context.Context, tenantID string) *gorm.DB {
	db := s.db.WithContext(ctx)
	if tenantID == "" {
		_ = db.AddError(model.ErrNoTenant)
		return db
	}
	return db.Where("tenant_id = ?", tenantID)
}

// translate maps driver and GORM errors onto the model's sentinel errors, keeping the original
// wrapped for the log.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, model.ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%s: %w (%v)", what, model.ErrConflict, err)
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// Now is the store's clock: UTC, truncated to the microsecond PostgreSQL keeps, so a value read
// back equals the value written (and ETags computed before and after a write agree).
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
