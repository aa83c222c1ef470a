package api

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// benchImportFile is an import of candidates lines candidates with perCandidate rejections each,
// every rejection with a contact, 37 minutes apart from 2024-01-01 (so older than the
// historical threshold: every plan is historical, of one step), or with recent spread over the
// last 29 days instead (every plan live, with its full steps).
func benchImportFile(candidates, perCandidate int, recent ...bool) string {
	var b strings.Builder
	stages := []string{"application", "screening", "phone_screen", "interview", "final_round"}
	start, gap := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC), 37*time.Minute
	if len(recent) > 0 && recent[0] {
		span := 29 * 24 * time.Hour
		start, gap = time.Now().UTC().Add(-span), span/time.Duration(candidates*perCandidate)
	}
	for c := 0; c < candidates; c++ {
		fmt.Fprintf(&b, `{"candidate": {"external_id": "bench-%d", "display_name": "Candidate %d", "timezone": "Europe/London"}, "rejections": [`, c, c)
		for r := 0; r < perCandidate; r++ {
			if r > 0 {
				b.WriteByte(',')
			}
			at := start.Add(time.Duration(c*perCandidate+r) * gap)
			fmt.Fprintf(&b, `{"company": "Company %d", "role_title": "Backend Engineer", "stage": %q, "reason_category": "stronger_candidate", "received_at": %q, "external_ref": "app-%d-%d", "contacts": [{"name": "Priya Raman", "role": "interviewer"}]}`,
				r%50, stages[(c+r)%len(stages)], at.Format(time.RFC3339), c, r)
		}
		b.WriteString("]}\n")
	}
	return b.String()
}

// BenchmarkImport measures a history import on PostgreSQL: the upload over loopback HTTP
// (streamed into the database in chunks) and the import itself — candidates, rejections, plans
// with their steps and revisions, one transaction per chunk. It reports rejections per second
// end to end (upload and import) and for the import alone. The file's rejections are history
// (historical plans of one step); REBOUND_BENCH_IMPORT_RECENT=1 makes them all recent, each
// plan live with its full steps, the import's most expensive case.
func BenchmarkImport(b *testing.B) {
	const candidates, perCandidate = 2000, 10
	file := benchImportFile(candidates, perCandidate, os.Getenv("REBOUND_BENCH_IMPORT_RECENT") == "1")
	e := newEnv(b)
	var total, importing time.Duration
	n := 0
	for b.Loop() {
		_, key := e.tenant(fmt.Sprintf("bench-%d", n))
		start := time.Now()
		r := e.upload(key, file)
		if r.Status != http.StatusAccepted {
			b.Fatalf("upload: %d %s", r.Status, r.Body)
		}
		uploaded := time.Now()
		e.runImports()
		importing += time.Since(uploaded)
		total += time.Since(start)
		got := e.call(http.MethodGet, "/v1/imports/"+r.object(b)["id"].(string), key, nil).object(b)
		if c := got["counts"].(map[string]any); got["status"] != "completed" || c["rejections_created"] != float64(candidates*perCandidate) {
			b.Fatalf("import: %v", got)
		}
		n++
	}
	b.ReportMetric(float64(n*candidates*perCandidate)/total.Seconds(), "rejections/s")
	b.ReportMetric(float64(n*candidates*perCandidate)/importing.Seconds(), "imported/s")
}
