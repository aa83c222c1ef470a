package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/store"
)

// benchDatabase is a database the benchmark created for itself on the server at adminURL, so
// a run never touches anyone's data and always starts from the same empty state.
type benchDatabase struct {
	adminURL string
	name     string
	url      string
}

// createDatabase makes an empty database named name on the server of adminURL (dropping one
// left behind by an interrupted run) and migrates it with Rebound's own migrations.
func createDatabase(ctx context.Context, adminURL, name string) (*benchDatabase, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return nil, err
	}
	u.Path = "/" + name
	db := &benchDatabase{adminURL: adminURL, name: name, url: u.String()}
	st, err := store.Open(ctx, store.Config{DatabaseURL: db.url})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return db, st.Migrate(ctx)
}

// drop removes the database (forcing out any connection left open).
func (db *benchDatabase) drop(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, db.adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{db.name}.Sanitize()+" WITH (FORCE)")
	return err
}

// tenantWithCandidates creates a tenant through the application layer (as `rebound tenant
// create` does) and n candidates with one multi-row insert; it returns the tenant id, its API
// key and the candidates' ids.
func tenantWithCandidates(ctx context.Context, dbURL, name string, n int) (tenantID, key string, candidates []string, err error) {
	st, err := store.Open(ctx, store.Config{DatabaseURL: dbURL})
	if err != nil {
		return "", "", nil, err
	}
	defer st.Close()
	t, created, err := app.New(app.Config{Store: st}).CreateTenant(ctx, name)
	if err != nil {
		return "", "", nil, err
	}
	rows, err := st.GormDB().WithContext(ctx).Raw(`
		INSERT INTO candidates (tenant_id, id, external_id, display_name, timezone, locale, created_at, updated_at)
		SELECT ?, 'cand_' || replace(gen_random_uuid()::text, '-', ''), 'bench-' || g, 'Candidate ' || g, 'Europe/Berlin', 'en', now(), now()
		FROM generate_series(1, ?) g
		RETURNING id`, t.ID, n).Rows()
	if err != nil {
		return "", "", nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", "", nil, err
		}
		candidates = append(candidates, id)
	}
	return t.ID, created.Secret, candidates, rows.Err()
}

// sanitizeName makes a string usable in a database name.
func sanitizeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, strings.ToLower(s))
}
