// Package store is Rebound's persistence: one Store over GORM, one file per table, every method
// tenant-first. It runs on PostgreSQL in production and on an embedded SQLite file for the
// zero-setup default; both share the same code and have their own versioned migrations.
//
// Reads and single-statement writes that are safe on their own live on queries and are
// available on both *Store and *Tx. Writes that must commit together with something else — a
// resource with its event, a plan with its steps, a read-lock-write under a row lock, a stored
// idempotent response with the resource it describes — exist only on *Tx, so the compiler checks
// that they run inside a transaction (Store.InTx).
//
// Lock order: every use case that changes a rejection or anything under it locks the rejection
// row first (RejectionForUpdate), then its recovery plan (PlanForRejection with lock), then the
// plan's steps (PlanSteps with lock). Always in that order, so two transactions never wait for
// each other in a cycle.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"

	"github.com/reboundhq/rebound/internal/model"
)

// Dialects the store runs on.
const (
	DialectPostgres = "postgres"
	DialectSQLite   = "sqlite"
)

// Pool modes for PostgreSQL.
const (
	// PoolSession is a direct connection or a session-pooling proxy: pgx caches prepared
	// statements per connection.
	PoolSession = "session"
	// PoolTransaction is a transaction-pooling proxy such as PgBouncer with
	// pool_mode=transaction: consecutive transactions may run on different server connections, so
	// pgx must not rely on prepared statements and session settings are not sent at connect time.
	PoolTransaction = "transaction"
)

// Config says which database to open: DatabaseURL (a postgres:// URL) when set, else the SQLite
// file rebound.db inside DataDir.
type Config struct {
	DatabaseURL string
	DataDir     string
	// MaxOpenConns bounds the PostgreSQL pool; 0 means a default of 20.
	MaxOpenConns int
	// PoolMode is PoolSession (default) or PoolTransaction.
	PoolMode string
	// StatementTimeout and LockTimeout bound statements and lock waits on PostgreSQL. Session
	// mode sends them as session settings at connect time. Transaction mode cannot (PgBouncer
	// refuses unknown startup parameters and a session SET leaks to other clients), so each
	// transaction sets them for itself as its first statement, one round trip; statements
	// outside a transaction get the role's settings (ALTER ROLE … SET, see the README) and the
	// request deadline. 0 means no server-side limit.
	StatementTimeout time.Duration
	LockTimeout      time.Duration
	// TracerProvider, when set, traces transactions and statements (OpenTelemetry client
	// spans) inside traced requests; nil traces nothing.
	TracerProvider trace.TracerProvider
}

// queries is the database handle every method runs on: the pool for a Store, one transaction
// for a Tx.
type queries struct {
	db      *gorm.DB
	dialect string
	// outbox buffers a transaction's events and deliveries (RecordEvent); nil on a Store.
	outbox *outbox
}

// Store is the persistence handle over the connection pool.
type Store struct {
	queries
	poolMode string
	// tracer starts transaction spans; nil when tracing is off.
	tracer trace.Tracer
	// txTimeouts is what every transaction runs first in transaction pool mode, where no
	// session setting survives the pooler: SET LOCAL of statement_timeout and lock_timeout, in
	// one round trip (no arguments, so pgx sends it as a simple query, which may hold two
	// statements). SET takes no snapshot, so the transaction may still choose its isolation
	// level afterwards (Snapshot). Empty otherwise.
	txTimeouts string
	// statements counts what pgx sends (Statements); nil on SQLite.
	statements *statementCounter
}

// Tx is one database transaction, handed to the function given to Store.InTx. The methods that
// must commit together with other writes exist only here.
type Tx struct {
	queries
	// subscribers caches the tenant's enabled webhook endpoints for the event fan-out of this
	// transaction. Endpoint writes do not record events, so the cache cannot go stale within it.
	subscribers map[string][]model.WebhookEndpoint
}

// Open connects to the configured database. It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	gcfg := &gorm.Config{
		TranslateError:         true,
		Logger:                 logger.Discard,
		NowFunc:                Now,
		SkipDefaultTransaction: true, // single statements need no transaction of their own
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
		counter *statementCounter
	)
	if cfg.DatabaseURL != "" {
		if !strings.HasPrefix(cfg.DatabaseURL, "postgres://") && !strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
			return nil, errors.New("store: DATABASE_URL must be a postgres:// or postgresql:// URL")
		}
		dialect = DialectPostgres
		pcfg, perr := pgx.ParseConfig(cfg.DatabaseURL)
		if perr != nil {
			return nil, fmt.Errorf("store: DATABASE_URL: %w", perr)
		}
		switch cfg.PoolMode {
		case "", PoolSession:
			// Plan every statement for its arguments. PostgreSQL switches a prepared statement to
			// a generic plan after five executions, chosen from the statistics of that moment: a
			// connection that prepared its statements while a table was small kept a plan that
			// walked the whole tenant once it was large (the load benchmark collapsed to a tenth
			// of its rate in some runs). The statements are small; planning them costs less.
			pcfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
			if cfg.StatementTimeout > 0 {
				pcfg.RuntimeParams["statement_timeout"] = fmt.Sprint(cfg.StatementTimeout.Milliseconds())
			}
			if cfg.LockTimeout > 0 {
				pcfg.RuntimeParams["lock_timeout"] = fmt.Sprint(cfg.LockTimeout.Milliseconds())
			}
		case PoolTransaction:
			// No prepared statements (they live on one server connection) and no startup
			// parameters (PgBouncer refuses unknown ones); the exec mode sends each query with
			// its parameters in one round trip.
			pcfg.DefaultQueryExecMode = pgx.QueryExecModeExec
			pcfg.StatementCacheCapacity = 0
			pcfg.DescriptionCacheCapacity = 0
		default:
			return nil, fmt.Errorf("store: unknown pool mode %q (want %s or %s)", cfg.PoolMode, PoolSession, PoolTransaction)
		}
		counter = &statementCounter{}
		pcfg.Tracer = counter
		sqlDB := sql.OpenDB(validatingConnector{stdlib.GetConnector(*pcfg)})
		db, err = gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), gcfg)
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
		sqlDB.SetMaxIdleConns(n)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", dialect, err)
	}
	poolMode := cfg.PoolMode
	if poolMode == "" || dialect == DialectSQLite {
		poolMode = PoolSession
	}
	st := &Store{queries: queries{db: db, dialect: dialect}, poolMode: poolMode, statements: counter}
	if cfg.TracerProvider != nil {
		if err := instrument(db, cfg.TracerProvider, dialect); err != nil {
			_ = sqlDB.Close()
			return nil, fmt.Errorf("store: tracing: %w", err)
		}
		st.tracer = cfg.TracerProvider.Tracer(tracerName)
	}
	if poolMode == PoolTransaction {
		var set []string
		if cfg.StatementTimeout > 0 {
			set = append(set, fmt.Sprintf("SET LOCAL statement_timeout = %d", cfg.StatementTimeout.Milliseconds()))
		}
		if cfg.LockTimeout > 0 {
			set = append(set, fmt.Sprintf("SET LOCAL lock_timeout = %d", cfg.LockTimeout.Milliseconds()))
		}
		st.txTimeouts = strings.Join(set, "; ")
	}
	return st, nil
}

// validatingConnector hands database/sql pgx connections that report whether they are still
// open (driver.Validator), which pgx's stdlib connections do not. Without it a connection pgx
// closed — a client gave up mid-query and its cancelled statement took the connection down — went
// back into the pool, and a request waiting for a connection on a full pool could be handed it
// without a retry left: "driver: bad connection", a 500 for someone who did nothing wrong
// (reproduced by reboundbench's rows scenario when its rounds cancelled calls in flight).
type validatingConnector struct{ driver.Connector }

// Connect implements driver.Connector.
func (c validatingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return validatingConn{conn.(*stdlib.Conn)}, nil
}

// stdlibConn names pgx's connection so that embedding it keeps its Conn method (the pgx
// connection underneath) promoted.
type stdlibConn = stdlib.Conn

// validatingConn is a pgx connection that database/sql drops from the pool once it is closed.
type validatingConn struct{ *stdlibConn }

// IsValid implements driver.Validator.
func (c validatingConn) IsValid() bool { return !c.Conn().IsClosed() }

// PoolMode is the pool mode the store runs in (PoolSession or PoolTransaction).
func (s *Store) PoolMode() string { return s.poolMode }

// Dialect names the database in use (DialectPostgres or DialectSQLite).
func (q *queries) Dialect() string { return q.dialect }

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

// InTx runs fn in one database transaction: everything fn does through tx commits together or
// not at all. Transactions do not nest: a use case opens one and passes the Tx down. In
// transaction pool mode the transaction first sets its own timeouts.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	ctx, traced := s.traceTx(ctx)
	defer func() { traced(err) }()
	err = s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		if s.txTimeouts != "" {
			if err := db.Exec(s.txTimeouts).Error; err != nil {
				return translate(err, "set transaction timeouts")
			}
		}
		tx := &Tx{queries: queries{db: db, dialect: s.dialect, outbox: &outbox{}}}
		if err := fn(tx); err != nil {
			return err
		}
		return tx.flushOutbox(ctx)
	})
	return unavailable(err)
}

// unavailable marks a failure to begin or commit a transaction (the database went away) as
// ErrUnavailable; errors fn returned are already typed and pass unchanged.
func unavailable(err error) error {
	if err == nil || errors.Is(err, ErrUnavailable) {
		return err
	}
	var pgErr *pgconn.PgError
	if isConnectionError(err) || errors.As(err, &pgErr) && (strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P03" || pgErr.Code == "53300") {
		return fmt.Errorf("%w (%v)", ErrUnavailable, err)
	}
	return err
}

// scoped is the one way to query a tenant's rows. It fails closed: with an empty tenant id every
// query on the returned handle errors instead of matching all tenants.
func (q *queries) scoped(ctx context.Context, tenantID string) *gorm.DB {
	db := q.db.WithContext(ctx)
	if tenantID == "" {
		_ = db.AddError(model.ErrNoTenant)
		return db
	}
	return db.Where("tenant_id = ?", tenantID)
}

// forUpdate is the row lock a read-decide-write takes. NO KEY UPDATE is enough (no key column
// changes) and, unlike FOR UPDATE, does not conflict with the KEY SHARE lock a child row's
// foreign key check takes, so inserting feedback for a rejection never deadlocks with
// regenerating its plan. SQLite serialises writers and has no row locks.
func (q *queries) forUpdate(db *gorm.DB) *gorm.DB {
	if q.dialect != DialectPostgres {
		return db
	}
	return db.Clauses(clause.Locking{Strength: "NO KEY UPDATE"})
}

// The store reports unavailability and lock timeouts with the model's sentinels.
var (
	ErrUnavailable = model.ErrUnavailable
	ErrLockTimeout = model.ErrLockTimeout
)

// translate maps driver and GORM errors onto the model's sentinel errors, keeping the original
// wrapped for the log.
func translate(err error, what string) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, model.ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%s: %w (%v)", what, model.ErrConflict, err)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		// A parent vanished between the read and the write (deleted concurrently).
		return fmt.Errorf("%s: %w (%v)", what, model.ErrNotFound, err)
	case errors.As(err, &pgErr) && pgErr.Code == "55P03":
		return fmt.Errorf("%s: %w (%v)", what, ErrLockTimeout, err)
	case errors.As(err, &pgErr) && (pgErr.Code == "57014" || strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "53300" || pgErr.Code == "57P01" || pgErr.Code == "57P03" || pgErr.Code == "55000" && strings.Contains(pgErr.Message, "connections")):
		// 57014 query_canceled (statement timeout), 08xxx connection exceptions, 53300 too many
		// connections, 57P01 admin shutdown, 57P03 cannot connect now.
		return fmt.Errorf("%s: %w (%v)", what, ErrUnavailable, err)
	case isConnectionError(err):
		return fmt.Errorf("%s: %w (%v)", what, ErrUnavailable, err)
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// isConnectionError recognises failures to reach the server at all.
func isConnectionError(err error) bool {
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "3D000" { // database does not exist / not accepting
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "failed to connect", "database is not accepting connections", "conn closed", "broken pipe", "connection reset", "unexpected EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Now is the store's clock: UTC, truncated to the microsecond PostgreSQL keeps, so a value read
// back equals the value written (and ETags computed before and after a write agree). The
// application layer has its own injectable clock and passes its times in; this one is only the
// default for rows written without one.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// jsonColumn encodes a value for a JSON column written through a column map (GORM's serializer
// only runs for struct fields).
func jsonColumn(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}
