package check

import (
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

const runbookBase = "https://github.com/reboundhq/rebound/blob/main/docs/operations.md#"

// syntheticSeries are series Prometheus itself records for every target rather than scraping
// them, so they are not in /metrics (nor in metrics.txt).
var syntheticSeries = map[string]bool{"up": true}

// targetLabels are the labels the scrape configuration in docs/operations.md attaches to every
// series of a target.
var targetLabels = []string{"job", "instance", "namespace", "pod", "component"}

// documentedMetric is a row of the metrics table in docs/operations.md.
type documentedMetric struct {
	typ    string
	labels []string
}

// metricsList reads deploy/prometheus/metrics.txt: one metric family name per line, as the
// exposition's # TYPE line names it. The main module's /metrics test reads the same file.
func metricsList(t *testing.T) []string {
	t.Helper()
	var names []string
	for i, line := range strings.Split(readRepoFile(t, "deploy", "prometheus", "metrics.txt"), "\n") {
		if line == "" {
			continue
		}
		if !model.LegacyValidation.IsValidMetricName(line) {
			t.Fatalf("deploy/prometheus/metrics.txt:%d: %q is not a metric name", i+1, line)
		}
		if slices.Contains(names, line) {
			t.Fatalf("deploy/prometheus/metrics.txt:%d: %s listed twice", i+1, line)
		}
		names = append(names, line)
	}
	return names
}

// documentedMetrics parses the table under "## Metrics" in docs/operations.md:
// | `name` | type | `label`, `label` or — | meaning |
func documentedMetrics(t *testing.T) map[string]documentedMetric {
	t.Helper()
	section := markdownSection(readRepoFile(t, "docs", "operations.md"), "## Metrics")
	row := regexp.MustCompile("(?m)^\\| `([a-z_:][a-z0-9_:]*)` \\| (counter|gauge|histogram) \\| ([^|]*) \\|")
	label := regexp.MustCompile("`([a-z_][a-z0-9_]*)`")
	out := map[string]documentedMetric{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		var ls []string
		for _, l := range label.FindAllStringSubmatch(m[3], -1) {
			ls = append(ls, l[1])
		}
		out[m[1]] = documentedMetric{m[2], ls}
	}
	if len(out) == 0 {
		t.Fatal("docs/operations.md: no metrics table under ## Metrics")
	}
	return out
}

// TestMetricsListIsDocumented: metrics.txt and the table in docs/operations.md list the same
// metrics, each with its type and labels.
func TestMetricsListIsDocumented(t *testing.T) {
	list, docs := metricsList(t), documentedMetrics(t)
	for _, name := range list {
		d, ok := docs[name]
		switch {
		case !ok:
			t.Errorf("%s is in metrics.txt but not in docs/operations.md's metrics table", name)
		case d.typ == "counter" && !strings.HasSuffix(name, "_total"):
			t.Errorf("%s: a counter's name ends in _total", name)
		case d.typ != "counter" && strings.HasSuffix(name, "_total"):
			t.Errorf("%s: only counters end in _total, documented as %s", name, d.typ)
		}
	}
	for name := range docs {
		if !slices.Contains(list, name) {
			t.Errorf("%s is documented in docs/operations.md but not listed in metrics.txt", name)
		}
	}
}

// seriesMetric maps a series name used in PromQL to its documented family: a histogram's
// _bucket, _sum and _count series belong to the histogram.
func seriesMetric(name string, docs map[string]documentedMetric) (string, documentedMetric, bool) {
	if d, ok := docs[name]; ok && d.typ != "histogram" {
		return name, d, true
	}
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		base := strings.TrimSuffix(name, suffix)
		if d, ok := docs[base]; ok && base != name && d.typ == "histogram" {
			return base, d, true
		}
	}
	return "", documentedMetric{}, false
}

func parseAlerts(t *testing.T) *rulefmt.RuleGroups {
	t.Helper()
	content := readRepoFile(t, "deploy", "prometheus", "alerts.yaml")
	groups, errs := rulefmt.Parse([]byte(content), false, model.LegacyValidation, parser.NewParser(parser.Options{}), slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, err := range errs {
		t.Error(err)
	}
	if len(errs) > 0 {
		t.FailNow()
	}
	return groups
}

// TestAlertRules parses deploy/prometheus/alerts.yaml with Prometheus' own rule parser (which also
// parses every expression and template), then checks each alert: a duration, a severity, the
// annotations an on-call engineer needs, a runbook section that exists, and only documented
// metrics and labels in its expression.
func TestAlertRules(t *testing.T) {
	groups := parseAlerts(t)
	docs := documentedMetrics(t)
	list := metricsList(t)
	anchors := markdownAnchors(readRepoFile(t, "docs", "operations.md"))
	p := parser.NewParser(parser.Options{})
	used := map[string]bool{}
	n := 0
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				t.Errorf("group %s: recording rule %s; this file holds alerts only", g.Name, r.Record)
				continue
			}
			n++
			where := "alert " + r.Alert
			if time.Duration(r.For) < time.Minute {
				t.Errorf("%s: for %s; wait at least a minute so one bad scrape does not page", where, r.For)
			}
			if s := r.Labels["severity"]; s != "critical" && s != "warning" {
				t.Errorf("%s: severity %q, want critical or warning", where, s)
			}
			for _, a := range []string{"summary", "description", "runbook_url"} {
				if strings.TrimSpace(r.Annotations[a]) == "" {
					t.Errorf("%s: no %s annotation", where, a)
				}
			}
			anchor, ok := strings.CutPrefix(r.Annotations["runbook_url"], runbookBase)
			if !ok || !anchors[anchor] {
				t.Errorf("%s: runbook_url %q is not a section of docs/operations.md (%s…)", where, r.Annotations["runbook_url"], runbookBase)
			}
			if anchor != strings.ToLower(r.Alert) {
				t.Errorf("%s: runbook_url should point at the section named after the alert, #%s", where, strings.ToLower(r.Alert))
			}
			expr, err := p.ParseExpr(r.Expr)
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
				vs, ok := node.(*parser.VectorSelector)
				if !ok {
					return nil
				}
				name := vs.Name
				if name == "" {
					t.Errorf("%s: selector %s has no metric name", where, vs)
					return nil
				}
				used[name] = true
				allowed := slices.Clone(targetLabels)
				if !syntheticSeries[name] {
					family, d, ok := seriesMetric(name, docs)
					if !ok || !slices.Contains(list, family) {
						t.Errorf("%s: uses %s, which is neither in deploy/prometheus/metrics.txt nor a series of a histogram there", where, name)
						return nil
					}
					used[family] = true
					allowed = append(allowed, d.labels...)
					if d.typ == "histogram" && strings.HasSuffix(name, "_bucket") {
						allowed = append(allowed, "le")
					}
				}
				for _, m := range vs.LabelMatchers {
					if m.Name != labels.MetricName && !slices.Contains(allowed, m.Name) {
						t.Errorf("%s: %s has no label %q (documented: %v)", where, name, m.Name, allowed)
					}
				}
				return nil
			})
		}
	}
	if n == 0 {
		t.Fatal("no alerts")
	}
	// What issue 16 asks to be alerted on: errors, latency, the webhook backlog, step-due lag,
	// the pool's saturation and its waits, and instances that are down.
	for _, m := range []string{
		"rebound_http_requests_total", "rebound_http_request_duration_seconds",
		"rebound_webhook_backlog_oldest_age_seconds", "rebound_step_due_lag_seconds",
		"go_sql_in_use_connections", "go_sql_max_open_connections", "go_sql_wait_duration_seconds_total",
		"up",
	} {
		if !used[m] {
			t.Errorf("no alert uses %s", m)
		}
	}
}

// TestErrorRateExcludes499 pins the one subtle expression: the ratio divides 5xx requests by
// requests other than 499 (client hang-ups), which thus count on neither side.
func TestErrorRateExcludes499(t *testing.T) {
	p := parser.NewParser(parser.Options{})
	for _, g := range parseAlerts(t).Groups {
		for _, r := range g.Rules {
			if r.Alert != "ReboundHighErrorRate" {
				continue
			}
			expr, err := p.ParseExpr(r.Expr)
			if err != nil {
				t.Fatal(err)
			}
			ratios := 0
			parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
				if b, ok := node.(*parser.BinaryExpr); ok && b.Op == parser.DIV {
					ratios++
					num, den := statusMatchers(b.LHS), statusMatchers(b.RHS)
					if len(num) == 0 || !slices.ContainsFunc(num, func(m *labels.Matcher) bool {
						return m.Matches("500") && m.Matches("503") && !m.Matches("499") && !m.Matches("404")
					}) {
						t.Errorf("ReboundHighErrorRate: the numerator %s must select status 5xx only", b.LHS)
					}
					if len(den) != 1 || den[0].Matches("499") || !den[0].Matches("200") || !den[0].Matches("500") {
						t.Errorf("ReboundHighErrorRate: the denominator %s must select every status but 499", b.RHS)
					}
				}
				return nil
			})
			if ratios != 1 {
				t.Errorf("ReboundHighErrorRate: want one ratio, found %d", ratios)
			}
			return
		}
	}
	t.Fatal("no ReboundHighErrorRate alert")
}

// statusMatchers returns the status matchers of every rebound_http_requests_total selector in
// node; a selector without one contributes a matcher that matches every status.
func statusMatchers(node parser.Node) []*labels.Matcher {
	var out []*labels.Matcher
	parser.Inspect(node, func(n parser.Node, _ []parser.Node) error {
		vs, ok := n.(*parser.VectorSelector)
		if !ok || vs.Name != "rebound_http_requests_total" {
			return nil
		}
		found := false
		for _, m := range vs.LabelMatchers {
			if m.Name == "status" {
				out, found = append(out, m), true
			}
		}
		if !found {
			out = append(out, labels.MustNewMatcher(labels.MatchRegexp, "status", ".*"))
		}
		return nil
	})
	return out
}

// TestAlertsAreDocumented: every alert has its section in docs/operations.md, and every alert
// section there is a real alert.
func TestAlertsAreDocumented(t *testing.T) {
	var alerts []string
	for _, g := range parseAlerts(t).Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
		}
	}
	section := markdownSection(readRepoFile(t, "docs", "operations.md"), "## Alerts")
	var documented []string
	for _, m := range regexp.MustCompile(`(?m)^### (Rebound\w+)\s*$`).FindAllStringSubmatch(section, -1) {
		documented = append(documented, m[1])
	}
	slices.Sort(alerts)
	slices.Sort(documented)
	if !slices.Equal(alerts, documented) {
		t.Errorf("alerts.yaml has %v; docs/operations.md's ## Alerts has sections %v", alerts, documented)
	}
}
