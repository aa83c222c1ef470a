package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// benchImportFile is an import of candidates lines candidates with perCandidate rejections each,
// spread over two years (so most plans are historical), every rejection with a contact.
func benchImportFile(candidates, perCandidate int) string {
	var b strings.Builder
	stages := []string{"application", "screening", "phone_screen", "interview", "final_round"}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for c := 0; c < candidates; c++ {
		fmt.Fprintf(&b, `{"candidate": {"external_id": "bench-%d", "display_name": "Candidate %d", "timezone": "Europe/London"}, "rejections": [`, c, c)
		for r := 0; r < perCandidate; r++ {
			if r > 0 {
				b.WriteByte(',')
			}
			at := start.Add(time.Duration(c*perCandidate+r) * 37 * time.Minute)
			fmt.Fprintf(&b, `{"company": "Company %d", "role_title": "Backend Engineer", "stage": %q, "reason_category": "stronger_candidate", "received_at": %q, "external_ref": "app-%d-%d", "contacts": [{"name": "Priya Raman", "role": "interviewer"}]}`,
				r%50, stages[(c+r)%len(stages)], at.Format(time.RFC3339), c, r)
		}
		b.WriteString("]}\n")
	}
	return b.String()
}

// BenchmarkImport measures a history import on PostgreSQL: the upload over loopback HTTP
// (streamed into the database in chunks) and the import itself — candidates, rejections, plans
// with their steps and revisions, one transaction per 1,000-line chunk. It reports rejections
// per second end to end (upload and import) and for the import alone.
func BenchmarkImport(b *testing.B) {
	const candidates, perCandidate = 2000, 10
	file := benchImportFile(candidates, perCandidate)
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
