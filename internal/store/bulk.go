package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/reboundhq/rebound/internal/model"
)

// Bulk inserts on PostgreSQL. A multi-row INSERT … VALUES binds one parameter per value — a
// plan step alone has 19 — and encoding and parsing them dominated an import (measured: about
// 2,500 rejections per second with GORM's batches). Here each column travels as one array
// parameter and the server unnests them: the same rows in one statement with a parameter per
// column, whatever the number of rows. SQLite keeps GORM's multi-row inserts.

// column is one column of a bulk insert: its name, the array type its values travel as, and
// the cast of an element on the way in (jsonb columns travel as text).
type column struct {
	name, array, cast string
	values            any // array(…) of one element per row
}

// array wraps a column's values as one pgx array parameter: GORM expands a slice argument into
// a list of parameters, but passes a struct through as it is.
func array[T any](vals []T) pgtype.Array[T] {
	return pgtype.Array[T]{Elements: vals, Dims: []pgtype.ArrayDimension{{Length: int32(len(vals)), LowerBound: 1}}, Valid: true}
}

// bulkInsert inserts len(rows) rows given column by column, in one statement.
func (tx *Tx) bulkInsert(ctx context.Context, table string, cols []column) error {
	query, args := bulkInsertSQL(table, cols)
	return translate(tx.db.WithContext(ctx).Exec(query, args...).Error, "bulk insert into "+table)
}

// bulkInsertSQL is the statement of a bulk insert and its arguments.
func bulkInsertSQL(table string, cols []column) (string, []any) {
	var names, selects, unnests []string
	args := make([]any, 0, len(cols))
	for i, c := range cols {
		names = append(names, c.name)
		sel := "c" + strconv.Itoa(i)
		if c.cast != "" {
			sel += "::" + c.cast
		}
		selects = append(selects, sel)
		unnests = append(unnests, "?::"+c.array+"[]")
		args = append(args, c.values)
	}
	aliases := make([]string, len(cols))
	for i := range cols {
		aliases[i] = "c" + strconv.Itoa(i)
	}
	// Table and column names are constants of this file; only the arrays are parameters, each
	// wrapped (see array) so that GORM passes it as one parameter instead of expanding it.
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(selects, ", ") +
		" FROM unnest(" + strings.Join(unnests, ", ") + ") AS t(" + strings.Join(aliases, ", ") + ")", args
}

// bulkTable is one table's part of a combined bulk insert.
type bulkTable struct {
	table string
	cols  []column
}

// bulkInsertTogether inserts into several tables in one statement (each insert but the last a
// data-modifying WITH clause): one round trip instead of one per table. Foreign keys between
// them hold, since PostgreSQL checks them when the whole statement has run.
func (q *queries) bulkInsertTogether(ctx context.Context, parts []bulkTable) error {
	var query strings.Builder
	var args []any
	for i, p := range parts {
		q, a := bulkInsertSQL(p.table, p.cols)
		last := i == len(parts)-1
		switch {
		case i == 0 && !last:
			query.WriteString("WITH w0 AS (" + q + ")")
		case !last:
			query.WriteString(", w" + strconv.Itoa(i) + " AS (" + q + ")")
		case i > 0:
			query.WriteString(" " + q)
		default:
			query.WriteString(q)
		}
		args = append(args, a...)
	}
	return translate(q.db.WithContext(ctx).Exec(query.String(), args...).Error, "insert "+parts[len(parts)-1].table+" with others")
}

// jsonValues encodes each value for a jsonb column.
func jsonValues[T any](vals []T) ([]string, error) {
	out := make([]string, len(vals))
	for i, v := range vals {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}

func (tx *Tx) bulkRejections(ctx context.Context, rs []model.Rejection) error {
	n := len(rs)
	tenant, id, cand, company, role, stage := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	channel, reason, reasonText, notes, status, folded := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	received, created, updated := make([]time.Time, n), make([]time.Time, n), make([]time.Time, n)
	applied, closed, purged := make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
	impact := make([]*int, n)
	ref := make([]*string, n)
	metadata := make([]string, n)
	contactJSON := make([]string, n)
	for i, r := range rs {
		tenant[i], id[i], cand[i], company[i], role[i] = r.TenantID, r.ID, r.CandidateID, r.Company, r.RoleTitle
		stage[i], channel[i], reason[i], reasonText[i], notes[i], status[i] = r.Stage, r.Channel, r.ReasonCategory, r.ReasonText, r.Notes, r.Status
		folded[i] = FoldCompany(r.Company)
		received[i], created[i], updated[i], applied[i], impact[i], ref[i] = r.ReceivedAt.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC(), r.AppliedAt, r.EmotionalImpact, r.ExternalRef
		closed[i], purged[i] = r.ClosedAt, r.PurgedAt
		c, err := json.Marshal(r.Contacts)
		if err != nil {
			return err
		}
		m, err := json.Marshal(r.Metadata)
		if err != nil {
			return err
		}
		contactJSON[i], metadata[i] = string(c), string(m)
	}
	return tx.bulkInsert(ctx, "rejections", []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"candidate_id", "text", "", array(cand)},
		{"company", "text", "", array(company)}, {"role_title", "text", "", array(role)}, {"stage", "text", "", array(stage)},
		{"channel", "text", "", array(channel)}, {"reason_category", "text", "", array(reason)}, {"reason_text", "text", "", array(reasonText)},
		{"received_at", "timestamptz", "", array(received)}, {"applied_at", "timestamptz", "", array(applied)},
		{"contacts", "text", "jsonb", array(contactJSON)}, {"emotional_impact", "int", "", array(impact)}, {"notes", "text", "", array(notes)},
		{"status", "text", "", array(status)}, {"external_ref", "text", "", array(ref)}, {"metadata", "text", "jsonb", array(metadata)},
		{"created_at", "timestamptz", "", array(created)}, {"updated_at", "timestamptz", "", array(updated)}, {"company_folded", "text", "", array(folded)},
		{"closed_at", "timestamptz", "", array(closed)}, {"purged_at", "timestamptz", "", array(purged)},
	})
}

func (tx *Tx) bulkPlans(ctx context.Context, ps []model.RecoveryPlan) error {
	return tx.bulkInsert(ctx, "recovery_plans", planColumns(ps))
}

func planColumns(ps []model.RecoveryPlan) []column {
	n := len(ps)
	tenant, id, rej, cand, status, starts := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	revision := make([]int, n)
	historical := make([]bool, n)
	created, updated := make([]time.Time, n), make([]time.Time, n)
	completed := make([]*time.Time, n)
	for i, p := range ps {
		tenant[i], id[i], rej[i], cand[i], status[i], starts[i] = p.TenantID, p.ID, p.RejectionID, p.CandidateID, p.Status, p.StartsOn
		revision[i], historical[i], created[i], updated[i], completed[i] = p.Revision, p.Historical, p.CreatedAt.UTC(), p.UpdatedAt.UTC(), p.CompletedAt
	}
	return []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"rejection_id", "text", "", array(rej)}, {"candidate_id", "text", "", array(cand)},
		{"status", "text", "", array(status)}, {"revision", "int", "", array(revision)}, {"starts_on", "text", "", array(starts)},
		{"historical", "bool", "", array(historical)}, {"created_at", "timestamptz", "", array(created)}, {"updated_at", "timestamptz", "", array(updated)},
		{"completed_at", "timestamptz", "", array(completed)},
	}
}

func (tx *Tx) bulkSteps(ctx context.Context, ss []model.PlanStep) error {
	cols, err := stepColumns(ss)
	if err != nil {
		return err
	}
	return tx.bulkInsert(ctx, "recovery_plan_steps", cols)
}

func stepColumns(ss []model.PlanStep) ([]column, error) {
	n := len(ss)
	tenant, id, plan, key, kind, title, guidance, due, status, note := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	position, omitted := make([]int, n), make([]int, n)
	optional, nudge, lapsed := make([]bool, n), make([]bool, n), make([]bool, n)
	started, completed, emitted := make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
	created, updated := make([]time.Time, n), make([]time.Time, n)
	reasons := make([]string, n)
	for i, s := range ss {
		tenant[i], id[i], plan[i], key[i], kind[i], title[i], guidance[i] = s.TenantID, s.ID, s.PlanID, s.Key, s.Kind, s.Title, s.Guidance
		due[i], status[i], note[i], position[i], optional[i], nudge[i] = s.DueOn, s.Status, s.Note, s.Position, s.Optional, s.Nudge
		lapsed[i], omitted[i] = s.Lapsed, s.ReasonsOmitted
		started[i], completed[i], emitted[i], created[i], updated[i] = s.StartedAt, s.CompletedAt, s.DueEmittedAt, s.CreatedAt.UTC(), s.UpdatedAt.UTC()
		b, err := json.Marshal(s.Reasons)
		if err != nil {
			return nil, err
		}
		reasons[i] = string(b)
	}
	return []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"plan_id", "text", "", array(plan)}, {"key", "text", "", array(key)},
		{"kind", "text", "", array(kind)}, {"title", "text", "", array(title)}, {"guidance", "text", "", array(guidance)}, {"due_on", "text", "", array(due)},
		{"position", "int", "", array(position)}, {"status", "text", "", array(status)}, {"note", "text", "", array(note)},
		{"reasons", "text", "jsonb", array(reasons)}, {"reasons_omitted", "int", "", array(omitted)}, {"optional", "bool", "", array(optional)},
		{"nudge", "bool", "", array(nudge)}, {"lapsed", "bool", "", array(lapsed)},
		{"started_at", "timestamptz", "", array(started)}, {"completed_at", "timestamptz", "", array(completed)}, {"due_emitted_at", "timestamptz", "", array(emitted)},
		{"created_at", "timestamptz", "", array(created)}, {"updated_at", "timestamptz", "", array(updated)},
	}, nil
}

func (tx *Tx) bulkRevisions(ctx context.Context, rs []model.PlanRevision) error {
	cols, err := revisionColumns(rs)
	if err != nil {
		return err
	}
	return tx.bulkInsert(ctx, "recovery_plan_revisions", cols)
}

func revisionColumns(rs []model.PlanRevision) ([]column, error) {
	n := len(rs)
	tenant, id, plan, trigger := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	revision := make([]int, n)
	created := make([]time.Time, n)
	changes := make([][]model.PlanChange, n)
	for i, r := range rs {
		tenant[i], id[i], plan[i], trigger[i], revision[i], created[i], changes[i] = r.TenantID, r.ID, r.PlanID, r.Trigger, r.Revision, r.CreatedAt.UTC(), r.Changes
	}
	changeJSON, err := jsonValues(changes)
	if err != nil {
		return nil, err
	}
	return []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"plan_id", "text", "", array(plan)}, {"revision", "int", "", array(revision)},
		{"trigger", "text", "", array(trigger)}, {"changes", "text", "jsonb", array(changeJSON)}, {"created_at", "timestamptz", "", array(created)},
	}, nil
}

func eventColumns(evs []model.Event) []column {
	n := len(evs)
	tenant, id, typ, payload := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	cand, rej, subject := make([]*string, n), make([]*string, n), make([]*string, n)
	redacted := make([]bool, n)
	created := make([]time.Time, n)
	for i, e := range evs {
		tenant[i], id[i], typ[i], payload[i] = e.TenantID, e.ID, e.Type, string(e.Payload)
		cand[i], rej[i], subject[i], redacted[i], created[i] = e.CandidateID, e.RejectionID, e.SubjectID, e.Redacted, e.CreatedAt.UTC()
	}
	return []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"type", "text", "", array(typ)},
		{"payload", "text", "jsonb", array(payload)}, {"candidate_id", "text", "", array(cand)}, {"rejection_id", "text", "", array(rej)},
		{"subject_id", "text", "", array(subject)}, {"redacted", "bool", "", array(redacted)}, {"created_at", "timestamptz", "", array(created)},
	}
}

func deliveryColumns(ds []model.WebhookDelivery) []column {
	n := len(ds)
	tenant, id, endpoint, event, typ, status, lastError := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	attempts := make([]int, n)
	lastStatus := make([]*int, n)
	next, created := make([]time.Time, n), make([]time.Time, n)
	last, delivered := make([]*time.Time, n), make([]*time.Time, n)
	for i, d := range ds {
		tenant[i], id[i], endpoint[i], event[i], typ[i], status[i], lastError[i] = d.TenantID, d.ID, d.EndpointID, d.EventID, d.EventType, d.Status, d.LastError
		attempts[i], lastStatus[i], next[i], created[i], last[i], delivered[i] = d.Attempts, d.LastStatusCode, d.NextAttemptAt.UTC(), d.CreatedAt.UTC(), d.LastAttemptAt, d.DeliveredAt
	}
	return []column{
		{"tenant_id", "text", "", array(tenant)}, {"id", "text", "", array(id)}, {"endpoint_id", "text", "", array(endpoint)},
		{"event_id", "text", "", array(event)}, {"event_type", "text", "", array(typ)}, {"status", "text", "", array(status)},
		{"attempts", "int", "", array(attempts)}, {"next_attempt_at", "timestamptz", "", array(next)}, {"last_attempt_at", "timestamptz", "", array(last)},
		{"last_status_code", "int", "", array(lastStatus)}, {"last_error", "text", "", array(lastError)}, {"delivered_at", "timestamptz", "", array(delivered)},
		{"created_at", "timestamptz", "", array(created)},
	}
}
