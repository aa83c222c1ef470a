package api

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// The sharding path (docs/scaling.md): with tenant_id as the distribution column, every
// statement must name one tenant so that it runs on one shard. These are the only exceptions.

// globalLookups are the lookups made before the tenant is known, each by the column it
// looks up: their unique indexes span tenants, and docs/scaling.md says what replaces them.
var globalLookups = map[string]string{
	"APIKeyByHash":               "key_hash",   // every authenticated request: the key's hash names its tenant
	"FeedbackRequestByTokenHash": "token_hash", // the employer's link: the token's hash names its tenant
	"ConnectorByID":              "id",         // an ATS's delivery: the connector's id in its URL names its tenant
}

// unscopedByDesign are the store methods that work across tenants on purpose, with why.
var unscopedByDesign = map[string]string{
	"EndpointsWithDueDeliveries": "the dispatcher's tick: one indexed query for the endpoints with due deliveries, whatever the number of tenants",
	"OldestDueDelivery":          "the webhook backlog gauge, over every tenant",
	"DueSteps":                   "the step scheduler: due steps across tenants, then their plans and candidates by (tenant_id, id) pairs of several tenants",
	"OldestUnannouncedDueOn":     "the step-due lag gauge, over every tenant",
	"OverdueFeedbackRequests":    "the janitor's sweep of expired feedback links, across tenants on the (status, expires_at) index",
	"PurgeIdempotencyKeys":       "the janitor's purge of expired idempotent responses, in batches across tenants",
	"APIKeyTenant":               "the operator's `rebound key revoke ID` finds a key's tenant by the key id alone",
	"ClaimableImports":           "the import worker: queued or abandoned imports across tenants, on the imports_work partial index",
	"StaleUploads":               "the janitor's sweep of uploads abandoned mid-stream, across tenants on the imports_uploading partial index",
	"PurgeEvents":                "the janitor's purge of events past REBOUND_EVENT_RETENTION: one DELETE per batch from tenants to each one's oldest events, whatever the number of tenants",
	"RejectionsPastRetention":    "the janitor's retention purge: from the tenants with a retention to each one's rejections past it, one query across tenants; each is then purged in its own tenant's transaction",
	"PurgeReceipts":              "the janitor's purge of connector delivery ids past 30 days: found across tenants by received_at, deleted per tenant",
}

// unscopedTables are the tables without a tenant_id column, with why; a new one must be added
// here (or get a tenant_id).
var unscopedTables = map[string]string{
	"tenants":          "the tenants themselves, keyed by their id (distributed on it under Citus): Tenant, CreateTenant, CountTenants, UpdateTenantSettings, and the workers' joins from tenants to their rows, PurgeEvents and RejectionsPastRetention",
	"server_secrets":   "installation-wide secrets every replica reads at start (a reference table under Citus)",
	"goose_db_version": "the migrations' bookkeeping, written by `rebound migrate` through goose, not through the store",
}

// noStatements are the exported store methods that issue no SQL through GORM, with why.
var noStatements = map[string]string{
	"Close": "closes the pool", "Ping": "pings the pool", "GormDB": "hands out the handle", "Dialect": "names the dialect",
	"InTx":    "opens a transaction; its statements belong to the methods called on the Tx",
	"Migrate": "goose, on its own connection", "MigrationsPending": "goose, on its own connection",
	"Statements": "reads the statement counter", "PoolMode": "names the pool mode",
}

// statement is one SQL statement the store issued, with the store methods on the stack.
type statement struct {
	sql     string
	method  string   // the innermost exported store method: the one that issued it
	methods []string // every exported store method on the stack
	setup   bool     // issued by the test itself to arrange the scenario
}

// scopeSetup marks the test's own statements on their context.
type scopeSetup struct{}

// setupCtx is the context of the statements the test issues itself.
var setupCtx = context.WithValue(context.Background(), scopeSetup{}, true)

var storeMethod = regexp.MustCompile(`^github\.com/reboundhq/rebound/internal/store\.\(\*(?:queries|Store|Tx)\)\.([A-Z]\w*)`)

// captureStatements records every statement run on the store's handle, after it ran.
func captureStatements(t *testing.T, st *store.Store) func() []statement {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []statement
	)
	record := func(db *gorm.DB) {
		s := statement{sql: db.Statement.SQL.String(), setup: db.Statement.Context != nil && db.Statement.Context.Value(scopeSetup{}) != nil}
		pcs := make([]uintptr, 64)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
		for {
			f, more := frames.Next()
			if m := storeMethod.FindStringSubmatch(f.Function); m != nil {
				if s.method == "" {
					s.method = m[1]
				}
				s.methods = append(s.methods, m[1])
			}
			if !more {
				break
			}
		}
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
	}
	cb := st.GormDB().Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("scope:create", record),
		cb.Query().After("gorm:query").Register("scope:query", record),
		cb.Update().After("gorm:update").Register("scope:update", record),
		cb.Delete().After("gorm:delete").Register("scope:delete", record),
		cb.Row().After("gorm:row").Register("scope:row", record),
		cb.Raw().After("gorm:raw").Register("scope:raw", record),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return func() []statement {
		mu.Lock()
		defer mu.Unlock()
		return append([]statement(nil), seen...)
	}
}

// TestEveryStoreStatementNamesOneTenant runs a scenario through the whole API, the workers and
// the operator's commands, and reads every SQL statement the store issued. Each statement on a
// table with a tenant_id column must filter on tenant_id = $n at its top level (or list
// (tenant_id, …) pairs, or insert a tenant_id), in every subquery too, unless the store method
// that issued it is one of the exceptions above; the global lookups must look up by their
// column. The scenario must reach every exported store method, so a new method is either
// exercised here or the test fails; and an exception no statement used fails it too.
func TestEveryStoreStatementNamesOneTenant(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(_ *Config, a *app.Config) { a.Webhooks = webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true} })
	statements := captureStatements(t, e.st)
	runScopeScenario(t, e)

	tenantTables, exempt := map[string]bool{}, map[string]bool{}
	var tables []struct{ Name, HasTenant string }
	if err := e.st.GormDB().WithContext(setupCtx).Raw(`SELECT t.table_name AS name, COALESCE(max(c.column_name), '') AS has_tenant
		FROM information_schema.tables t LEFT JOIN information_schema.columns c
		  ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id'
		WHERE t.table_schema = current_schema() GROUP BY t.table_name`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		switch {
		case tb.HasTenant != "":
			tenantTables[tb.Name] = true
		case unscopedTables[tb.Name] != "":
			exempt[tb.Name] = true
		default:
			t.Errorf("table %s has no tenant_id column: give it one or list it in unscopedTables with the reason", tb.Name)
		}
	}
	if len(tenantTables) < 10 {
		t.Fatalf("found only %d tables with tenant_id: %v", len(tenantTables), tenantTables)
	}

	used := map[string]bool{}
	reached := map[string]bool{}
	reported := map[string]bool{}
	checked := 0
	for _, s := range statements() {
		if s.setup {
			continue
		}
		if s.method == "" {
			t.Errorf("a statement issued outside internal/store: %s", s.sql)
			continue
		}
		for _, m := range s.methods {
			reached[m] = true
		}
		problems, touched := scopeProblems(s.sql, tenantTables, exempt)
		for _, tb := range touched {
			used[tb] = true
		}
		checked++
		if col, ok := globalLookups[s.method]; ok {
			used[s.method] = true
			conjuncts, _ := whereConjuncts(normalizeSQL(s.sql))
			if !hasCondition(conjuncts, regexp.MustCompile(`^(?:\w+\.)?`+col+` = \$\d+$`)) {
				t.Errorf("%s must look up by %s alone: %s", s.method, col, s.sql)
			}
			continue
		}
		if _, ok := unscopedByDesign[s.method]; ok {
			used[s.method] = true
			continue
		}
		for _, p := range problems {
			if msg := fmt.Sprintf("%s: %s\n\t%s", s.method, p, s.sql); !reported[msg] {
				reported[msg] = true
				t.Error(msg)
			}
		}
	}

	for name := range globalLookups {
		if !used[name] {
			t.Errorf("exception %s issued no statement: remove it from globalLookups", name)
		}
	}
	for name := range unscopedByDesign {
		if !used[name] {
			t.Errorf("exception %s issued no statement: remove it from unscopedByDesign", name)
		}
	}
	for name := range unscopedTables {
		if name != "goose_db_version" && !used[name] {
			t.Errorf("no statement touched %s: remove it from unscopedTables", name)
		}
	}
	missing := map[string]bool{}
	for _, typ := range []reflect.Type{reflect.TypeFor[*store.Store](), reflect.TypeFor[*store.Tx]()} {
		for i := 0; i < typ.NumMethod(); i++ {
			name := typ.Method(i).Name
			if _, none := noStatements[name]; !none && !reached[name] {
				missing[name] = true
			}
		}
	}
	missed := slices.Sorted(maps.Keys(missing))
	if len(missed) > 0 {
		t.Errorf("the scenario never reached these store methods, so their statements went unchecked: %s; exercise them in runScopeScenario", strings.Join(missed, ", "))
	}
	t.Logf("%d statements from %d store methods checked", checked, len(reached))
}
