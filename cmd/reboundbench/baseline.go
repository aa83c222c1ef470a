package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// The baseline is the floor Rebound is measured against: net/http and pgx, no framework, no
// ORM, no validation beyond what the SQL needs, writing the same rows as Rebound's
// POST /v1/rejections (the rejection with its contacts, the plan, its steps, its revision and
// its events, after looking up the key and the candidate and the tenant's webhook endpoints)
// and reading the same row for GET /v1/rejections/{id}, one statement per round trip in one
// transaction, as a careful hand-written service would. It runs in its own process (re-exec of
// this binary), like Rebound, so both pay for a process of their own.

// baselineShape is what the baseline writes per create: as many steps and events as Rebound's
// plan for the benchmark's payload has (measured from Rebound's rows before the baseline runs).
type baselineShape struct {
	steps, events int
}

type baseline struct {
	pool       *pgxpool.Pool
	shape      baselineShape
	statements atomic.Uint64
}

// TraceQueryStart counts statements the way Rebound's store does (pgx.QueryTracer).
func (b *baseline) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	b.statements.Add(1)
	return ctx
}

// TraceQueryEnd implements pgx.QueryTracer.
func (b *baseline) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// runBaseline serves the baseline on addr until ctx ends.
func runBaseline(ctx context.Context, dbURL, addr string, shape baselineShape, maxConns int32) error {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return err
	}
	b := &baseline{shape: shape}
	cfg.MaxConns = maxConns
	cfg.ConnConfig.Tracer = b
	if b.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return err
	}
	defer b.pool.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/rejections", b.create)
	mux.HandleFunc("GET /v1/rejections/{id}", b.get)
	mux.HandleFunc("GET /statements", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, b.statements.Load())
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// authenticate looks the bearer key up by its hash (no cache: the floor of a lookup).
func (b *baseline) authenticate(w http.ResponseWriter, r *http.Request) (tenantID string, ok bool) {
	secret, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !found {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return "", false
	}
	var revoked *time.Time
	err := b.pool.QueryRow(r.Context(), `SELECT tenant_id, revoked_at FROM api_keys WHERE key_hash = $1`, store.HashAPIKey(secret)).Scan(&tenantID, &revoked)
	if err != nil || revoked != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return "", false
	}
	return tenantID, true
}

type baselineRejection struct {
	ID          string          `json:"id"`
	CandidateID string          `json:"candidate_id"`
	Company     string          `json:"company"`
	RoleTitle   string          `json:"role_title"`
	Stage       string          `json:"stage"`
	Channel     string          `json:"channel"`
	Reason      string          `json:"reason_category"`
	ReceivedAt  time.Time       `json:"received_at"`
	Contacts    json.RawMessage `json:"contacts"`
	Status      string          `json:"status"`
	CreatedAt   time.Time       `json:"created_at"`
}

func (b *baseline) create(w http.ResponseWriter, r *http.Request) {
	tenantID, ok := b.authenticate(w, r)
	if !ok {
		return
	}
	var in struct {
		CandidateID string           `json:"candidate_id"`
		Company     string           `json:"company"`
		RoleTitle   string           `json:"role_title"`
		Stage       string           `json:"stage"`
		Contacts    []map[string]any `json:"contacts"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	now := time.Now().UTC()
	for _, c := range in.Contacts {
		c["id"] = model.NewID(model.PrefixContact)
	}
	contacts, _ := json.Marshal(in.Contacts)
	rej := baselineRejection{ID: model.NewID(model.PrefixRejection), CandidateID: in.CandidateID, Company: in.Company, RoleTitle: in.RoleTitle,
		Stage: in.Stage, Channel: "email", Reason: "not_specified", ReceivedAt: now, Contacts: contacts, Status: "open", CreatedAt: now}
	err := pgx.BeginFunc(r.Context(), b.pool, func(tx pgx.Tx) error {
		var timezone string
		if err := tx.QueryRow(r.Context(), `SELECT timezone FROM candidates WHERE tenant_id = $1 AND id = $2`, tenantID, in.CandidateID).Scan(&timezone); err != nil {
			return err
		}
		if _, err := tx.Exec(r.Context(), `INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, contacts, status, metadata, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '{}', $13, $13)`,
			tenantID, rej.ID, rej.CandidateID, rej.Company, strings.ToLower(rej.Company), rej.RoleTitle, rej.Stage, rej.Channel, rej.Reason, now, contacts, rej.Status, now); err != nil {
			return err
		}
		planID := model.NewID(model.PrefixPlan)
		loc, err := time.LoadLocation(timezone)
		if err != nil {
			loc = time.UTC
		}
		today := now.In(loc)
		if _, err := tx.Exec(r.Context(), `INSERT INTO recovery_plans (tenant_id, id, rejection_id, candidate_id, status, revision, starts_on, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 'active', 1, $5, $6, $6)`, tenantID, planID, rej.ID, rej.CandidateID, today.Format(model.DateLayout), now); err != nil {
			return err
		}
		var sql strings.Builder
		// nudge false: the baseline announces no due steps, and Rebound's scheduler, which shares
		// the database, must not do that work for it (it would in the baseline's own rounds).
		sql.WriteString(`INSERT INTO recovery_plan_steps (tenant_id, id, plan_id, key, kind, title, guidance, due_on, position, status, reasons, nudge, created_at, updated_at) VALUES `)
		args := []any{tenantID, planID, now}
		for i := 0; i < b.shape.steps; i++ {
			if i > 0 {
				sql.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&sql, "($1, $%d, $2, $%d, 'reflect', $%d, $%d, $%d, %d, 'pending', '[{\"code\":\"new\"}]', false, $3, $3)", n+1, n+2, n+3, n+4, n+5, i)
			args = append(args, model.NewID(model.PrefixPlanStep), fmt.Sprintf("step-%d", i), fmt.Sprintf("Step %d of the plan", i),
				"Guidance for the step, a sentence or two long, as the rules write it.", today.AddDate(0, 0, 2*i).Format(model.DateLayout))
		}
		if _, err := tx.Exec(r.Context(), sql.String(), args...); err != nil {
			return err
		}
		if _, err := tx.Exec(r.Context(), `INSERT INTO recovery_plan_revisions (tenant_id, id, plan_id, revision, trigger, changes, created_at) VALUES ($1, $2, $3, 1, 'created', '[]', $4)`,
			tenantID, model.NewID(model.PrefixPlanRevision), planID, now); err != nil {
			return err
		}
		payload, _ := json.Marshal(rej)
		sql.Reset()
		sql.WriteString(`INSERT INTO events (tenant_id, id, type, payload, candidate_id, rejection_id, subject_id, created_at) VALUES `)
		args = []any{tenantID, payload, rej.CandidateID, rej.ID, now}
		for i := 0; i < b.shape.events; i++ {
			if i > 0 {
				sql.WriteString(", ")
			}
			fmt.Fprintf(&sql, "($1, $%d, 'rejection.created', $2, $3, $4, $4, $5)", len(args)+1)
			args = append(args, model.NewID(model.PrefixEvent))
		}
		if _, err := tx.Exec(r.Context(), sql.String(), args...); err != nil {
			return err
		}
		rows, err := tx.Query(r.Context(), `SELECT id, enabled_events FROM webhook_endpoints WHERE tenant_id = $1 AND NOT disabled`, tenantID)
		if err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	})
	if errors.Is(err, pgx.ErrNoRows) {
		http.Error(w, "no such candidate", http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(rej)
}

func (b *baseline) get(w http.ResponseWriter, r *http.Request) {
	tenantID, ok := b.authenticate(w, r)
	if !ok {
		return
	}
	var rej baselineRejection
	err := b.pool.QueryRow(r.Context(), `SELECT id, candidate_id, company, role_title, stage, channel, reason_category, received_at, contacts, status, created_at
		FROM rejections WHERE tenant_id = $1 AND id = $2`, tenantID, r.PathValue("id")).
		Scan(&rej.ID, &rej.CandidateID, &rej.Company, &rej.RoleTitle, &rej.Stage, &rej.Channel, &rej.Reason, &rej.ReceivedAt, &rej.Contacts, &rej.Status, &rej.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(rej)
}
