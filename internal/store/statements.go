package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// statementCounter counts the statements pgx sends to PostgreSQL — GORM's, the hand-written
// ones, BEGIN and COMMIT alike — for the rebound_db_statements_total metric, which is how the
// load benchmark reports statements per request and how tests prove a cost does not grow with
// the data. An atomic add per statement; nothing is kept.
type statementCounter struct{ n atomic.Uint64 }

// TraceQueryStart implements pgx.QueryTracer.
func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

// TraceQueryEnd implements pgx.QueryTracer.
func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// Statements is how many statements this store has sent to PostgreSQL since it was opened (0 on
// SQLite, whose driver is not pgx).
func (s *Store) Statements() uint64 {
	if s.statements == nil {
		return 0
	}
	return s.statements.n.Load()
}
