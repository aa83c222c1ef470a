package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestClosedConnectionsLeaveThePool: a connection pgx has closed underneath database/sql (a
// client gave up mid-query and the cancelled statement took it down) is dropped when it is put
// back, not kept for the next request to be handed: on a full pool, the request waiting for a
// connection gets it without a retry left and answers "driver: bad connection".
func TestClosedConnectionsLeaveThePool(t *testing.T) {
	t.Parallel()
	st := testdb.Postgres(t)
	ctx := context.Background()
	sqlDB, err := st.GormDB().DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(1)
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Raw(func(dc any) error {
		pc, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			t.Fatalf("the driver connection is a %T, not a pgx one", dc)
		}
		return pc.Conn().Close(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	if open := sqlDB.Stats().OpenConnections; open != 1 {
		t.Fatalf("%d open connections while holding one", open)
	}
	conn.Close() // back to the pool
	if open := sqlDB.Stats().OpenConnections; open != 0 {
		t.Fatalf("the closed connection went back into the pool (%d open)", open)
	}
	if err := st.Ping(ctx); err != nil {
		t.Fatalf("the pool did not recover: %v", err)
	}
}
