package wire

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// TestEventFamiliesCoverEveryType: every event type Rebound records (those a platform can
// subscribe to, and ping) belongs to exactly one family, so the document types every event, and
// docs/webhooks.md names each one.
func TestEventFamiliesCoverEveryType(t *testing.T) {
	seen := map[string]string{}
	for _, f := range EventFamilies() {
		for _, typ := range f.Types {
			if other, dup := seen[typ]; dup {
				t.Errorf("%s is in %s and %s", typ, other, f.Schema)
			}
			seen[typ] = f.Schema
		}
	}
	webhooks, err := os.ReadFile("../../docs/webhooks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range append(append([]string{}, model.EventTypes...), model.EventPing) {
		if seen[typ] == "" {
			t.Errorf("event type %s belongs to no family", typ)
		}
		delete(seen, typ)
		short := typ // the table abbreviates a family's later types as `.sent`, `.declined`, …
		if i := strings.LastIndex(typ, "."); i >= 0 {
			short = typ[i:]
		}
		if !strings.Contains(string(webhooks), "`"+typ+"`") && !strings.Contains(string(webhooks), "`"+short+"`") {
			t.Errorf("docs/webhooks.md does not name %s", typ)
		}
	}
	for typ := range seen {
		t.Errorf("family type %s is not an event type Rebound records", typ)
	}
}

// TestEncodeEventCarriesTheAPIVersion: every new event says which version its payload is in.
func TestEncodeEventCarriesTheAPIVersion(t *testing.T) {
	b, err := EncodeEvent("evt_1", model.EventPing, time.Unix(0, 0), Ping{Object: "ping"})
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if ev["api_version"] != APIVersion || ev["type"] != model.EventPing || ev["created_at"] != "1970-01-01T00:00:00Z" {
		t.Fatalf("envelope %s", b)
	}
}
