package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/importfile"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// historyFile has n candidate lines with one rejection each.
func historyFile(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"candidate": {"external_id": "c-%d"}, "rejections": [{"company": "Co %d", "role_title": "Engineer", "stage": "interview", "received_at": "2025-01-01", "external_ref": "r-%d"}]}`+"\n", i, i, i)
	}
	return b.String()
}

// queue uploads and queues an import file.
func (f *fixture) queue(file string) model.Import {
	f.t.Helper()
	up, err := f.app.UploadImport(f.ctx, f.tenant, "history.ndjson", strings.NewReader(file))
	if err != nil {
		f.t.Fatal(err)
	}
	imp, err := f.app.QueueImport(f.ctx, up)
	if err != nil {
		f.t.Fatal(err)
	}
	return imp
}

// TestCancelRunningImportStopsAfterTheBatch cancels an import a worker holds: the batch in
// progress is kept, nothing after it is imported, and import.cancelled is recorded.
func TestCancelRunningImportStopsAfterTheBatch(t *testing.T) { each(t, testCancelRunningImport) }

func testCancelRunningImport(t *testing.T, f *fixture) {
	a, clock, tenant, st, ctx := f.app, f.clock, f.tenant, f.store, f.ctx
	imp := f.queue(historyFile(2500)) // three chunks of at most 1,000 lines
	if imp.ChunksTotal != 3 {
		t.Fatalf("%d chunks, want 3", imp.ChunksTotal)
	}
	now := clock.Now()
	if ok, err := st.ClaimImport(ctx, tenant, imp.ID, "w1", now, now.Add(ImportLease)); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if ok, _ := st.ClaimImport(ctx, tenant, imp.ID, "w2", now, now.Add(ImportLease)); ok {
		t.Fatal("a second worker claimed an import whose lease is live")
	}
	// One batch, then the platform cancels, then the worker carries on.
	if err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		chunk, _, err := tx.NextImportChunk(ctx, tenant, imp.ID)
		if err != nil {
			return err
		}
		cur, err := tx.ImportForUpdate(ctx, tenant, imp.ID)
		if err != nil {
			return err
		}
		p, err := a.ImportRejections(ctx, tenant, importfile.Chunk{FirstLine: chunk.FirstLine, Lines: chunk.Lines, Data: chunk.Data}.Parse())
		if err != nil {
			return err
		}
		addProgress(&cur, p)
		cur.ChunksDone++
		if err := tx.DeleteImportChunks(ctx, tenant, imp.ID, chunk.Seq, chunk.Seq); err != nil {
			return err
		}
		return tx.SaveImport(ctx, cur)
	}); err != nil {
		t.Fatal(err)
	}
	cancelled, err := a.CancelImport(ctx, tenant, imp.ID)
	if err != nil || cancelled.Status != model.ImportRunning || !cancelled.CancelRequested {
		t.Fatalf("cancel of a running import: %+v %v", cancelled, err)
	}
	if finished, err := a.runImport(ctx, tenant, imp.ID, "w1"); err != nil || !finished {
		t.Fatalf("run after cancel: %v %v", finished, err)
	}
	got, _ := a.Import(ctx, tenant, imp.ID)
	if got.Status != model.ImportCancelled || got.RejectionsCreated != 1000 || got.FinishedAt == nil {
		t.Fatalf("cancelled import: status %s, %d rejections", got.Status, got.RejectionsCreated)
	}
	if _, more, _ := st.Rejections(ctx, tenant, model.RejectionFilter{}, model.Page{Limit: 1000}); more {
		t.Fatal("rejections after the cancelled batch were imported")
	}
	if _, err := a.CancelImport(ctx, tenant, imp.ID); err == nil {
		t.Fatal("cancelling a cancelled import succeeded")
	}
	evs, _, _ := st.Events(ctx, tenant, model.EventFilter{Type: model.EventImportCancelled}, model.Page{Limit: 10})
	if len(evs) != 1 {
		t.Fatalf("%d import.cancelled events, want 1", len(evs))
	}
}

// TestAbandonedImportIsResumed: a worker that stops holding an import (it crashed) leaves a
// lease that runs out; the next worker resumes at the first chunk not committed and the import
// ends with every line imported once.
func TestAbandonedImportIsResumed(t *testing.T) { each(t, testAbandonedImportIsResumed) }

func testAbandonedImportIsResumed(t *testing.T, f *fixture) {
	a, clock, tenant, st, ctx := f.app, f.clock, f.tenant, f.store, f.ctx
	imp := f.queue(historyFile(1500))
	now := clock.Now()
	if ok, _ := st.ClaimImport(ctx, tenant, imp.ID, "crashed", now, now.Add(ImportLease)); !ok {
		t.Fatal("claim failed")
	}
	if n, _ := a.RunImports(ctx, "w2"); n != 0 {
		t.Fatal("an import with a live lease was taken over")
	}
	clock.Advance(ImportLease + time.Second)
	if n, err := a.RunImports(ctx, "w2"); err != nil || n != 1 {
		t.Fatalf("resume: %d %v", n, err)
	}
	got, _ := a.Import(ctx, tenant, imp.ID)
	if got.Status != model.ImportCompleted || got.RejectionsCreated != 1500 || got.ChunksDone != 2 {
		t.Fatalf("resumed import: %+v", got)
	}
}

// TestImportBatchFailuresRetryThenFail: a batch that cannot be stored (here: a table the
// import writes is missing) is retried after a growing pause, and after five failures the
// import is failed with import.failed; lines are never lost silently.
func TestImportBatchFailuresRetryThenFail(t *testing.T) { each(t, testImportBatchFailures) }

func testImportBatchFailures(t *testing.T, f *fixture) {
	a, clock, tenant, st, ctx := f.app, f.clock, f.tenant, f.store, f.ctx
	imp := f.queue(historyFile(10))
	if err := st.GormDB().Exec("ALTER TABLE recovery_plan_revisions RENAME TO revisions_away").Error; err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= importMaxAttempts; attempt++ {
		if _, err := a.RunImports(ctx, "w"); err != nil {
			t.Fatal(err)
		}
		got, _ := a.Import(ctx, tenant, imp.ID)
		if got.Attempts != attempt {
			t.Fatalf("after pass %d: %d attempts", attempt, got.Attempts)
		}
		if n, _ := a.RunImports(ctx, "w"); n != 0 && attempt < importMaxAttempts {
			t.Fatal("a failed import was retried before its pause")
		}
		clock.Advance(time.Duration(attempt)*importRetryPause + time.Second)
	}
	got, _ := a.Import(ctx, tenant, imp.ID)
	if got.Status != model.ImportFailed || got.Failure == "" || got.RejectionsCreated != 0 {
		t.Fatalf("import after five failed batches: %+v", got)
	}
	evs, _, _ := st.Events(ctx, tenant, model.EventFilter{Type: model.EventImportFailed}, model.Page{Limit: 10})
	if len(evs) != 1 {
		t.Fatalf("%d import.failed events", len(evs))
	}
}

// TestJanitorForgetsAbandonedUploadsAndOldReceipts: an upload that stopped streaming an hour
// ago is deleted with its chunks; connector receipts older than 30 days are forgotten.
func TestJanitorForgetsAbandonedUploadsAndOldReceipts(t *testing.T) { each(t, testJanitorForgets) }

func testJanitorForgets(t *testing.T, f *fixture) {
	a, clock, tenant, ctx := f.app, f.clock, f.tenant, f.ctx
	up, err := a.UploadImport(ctx, tenant, "", strings.NewReader(historyFile(3)))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := a.PurgeStaleUploads(ctx, 10); n != 0 {
		t.Fatal("a fresh upload was taken for abandoned")
	}
	conn, err := a.CreateConnector(ctx, tenant, "greenhouse", ConnectorChange{Secret: ptr("s"), Company: ptr("C")})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.RecordReceipt(ctx, &model.ConnectorReceipt{TenantID: tenant, ConnectorID: conn.ID, DeliveryID: "d", Outcome: "ignored", ReceivedAt: clock.Now()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(31 * 24 * time.Hour)
	if n, err := a.PurgeStaleUploads(ctx, 10); err != nil || n != 1 {
		t.Fatalf("abandoned uploads purged: %d %v", n, err)
	}
	if _, err := a.Import(ctx, tenant, up.ID); err == nil {
		t.Fatal("the abandoned upload is still there")
	}
	if n, err := a.PurgeConnectorReceipts(ctx); err != nil || n != 1 {
		t.Fatalf("old receipts purged: %d %v", n, err)
	}
}

func ptr[T any](v T) *T { return &v }
