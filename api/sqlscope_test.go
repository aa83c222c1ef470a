package api

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The SQL the tenant-scope test reads is what GORM writes for PostgreSQL: quoted identifiers,
// $n placeholders, subqueries in parentheses, OR groups in parentheses. scopeProblems checks it
// with a small reader of that shape rather than a full SQL parser; a statement it cannot read
// (a join, say) is reported, so the reader grows with the store instead of waving SQL through.

var (
	sqlLiteral     = regexp.MustCompile(`'(?:[^']|'')*'`)
	sqlSpace       = regexp.MustCompile(`\s+`)
	sqlInsert      = regexp.MustCompile(`^insert into (\w+) ?\(([^)]*)\)`)
	sqlTables      = regexp.MustCompile(`\b(?:from|join|update|delete from)\s+(\w+)`)
	sqlJoin        = regexp.MustCompile(`\bjoin\b`)
	sqlWhereEnd    = regexp.MustCompile(`\b(?:group by|order by|limit|offset|for no key update|for update|for share|returning|on conflict)\b`)
	tenantEquality = regexp.MustCompile(`^(?:\w+\.)?tenant_id = \$\d+$`)
	tenantRowValue = regexp.MustCompile(`^\((?:\w+\.)?tenant_id ?,.*\) in \(.*\)$`)
)

// normalizeSQL lower-cases a statement, drops identifier quotes, blanks string literals and
// collapses white space.
func normalizeSQL(sql string) string {
	s := strings.ToLower(strings.ReplaceAll(sql, `"`, ""))
	s = sqlLiteral.ReplaceAllString(s, "''")
	return strings.TrimSpace(sqlSpace.ReplaceAllString(s, " "))
}

// splitSubqueries replaces every parenthesised (select …) in s by "(subquery)" and returns the
// outer statement and the subqueries, each to be checked on its own.
func splitSubqueries(s string) (string, []string) {
	var subs []string
	for {
		i := strings.Index(s, "(select ")
		if i < 0 {
			return s, subs
		}
		depth, j := 0, i
		for ; j < len(s); j++ {
			if s[j] == '(' {
				depth++
			} else if s[j] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		if j == len(s) {
			return s, append(subs, s[i+1:])
		}
		subs = append(subs, s[i+1:j])
		s = s[:i] + "(subquery)" + s[j+1:]
	}
}

// topLevel splits s at sep where sep is outside every parenthesis.
func topLevel(s, sep string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}

// stripParens removes parentheses that enclose all of s.
func stripParens(s string) string {
	for strings.HasPrefix(s, "(") && enclosed(s) {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// enclosed reports whether the parenthesis that opens s closes at its end.
func enclosed(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i == len(s)-1
			}
		}
	}
	return false
}

// whereConjuncts returns the conditions ANDed at the top of a statement's WHERE clause, looking
// into parenthesised AND groups; ok is false when there is no WHERE clause or its top level is
// an OR.
func whereConjuncts(s string) (conjuncts []string, ok bool) {
	parts := topLevel(s, " where ")
	if len(parts) < 2 {
		return nil, false
	}
	where := parts[1]
	if loc := sqlWhereEnd.FindStringIndex(where); loc != nil {
		where = where[:loc[0]]
	}
	return conjunctsOf(strings.TrimSpace(where))
}

func conjunctsOf(cond string) ([]string, bool) {
	cond = stripParens(cond)
	if len(topLevel(cond, " or ")) > 1 {
		return nil, false
	}
	parts := topLevel(cond, " and ")
	if len(parts) == 1 {
		return parts, true
	}
	var out []string
	for _, p := range parts {
		if sub, ok := conjunctsOf(strings.TrimSpace(p)); ok {
			out = append(out, sub...)
		} else {
			out = append(out, stripParens(strings.TrimSpace(p))) // an OR group: one opaque condition
		}
	}
	return out, true
}

// hasCondition reports whether one of the conjuncts matches re.
func hasCondition(conjuncts []string, re *regexp.Regexp) bool {
	for _, c := range conjuncts {
		if re.MatchString(c) {
			return true
		}
	}
	return false
}

// scopeProblems returns why the statement, or one of its subqueries, could reach more than one
// tenant's rows: a tenant table (one with a tenant_id column) read, changed or deleted without
// a top-level tenant_id = $n (or a (tenant_id, …) IN row-value list), or inserted without a
// tenant_id column; a table that is neither a tenant table nor a listed exception; or a shape
// the reader does not know. tables reports every table the statement touches.
func scopeProblems(sql string, tenantTables, exemptTables map[string]bool) (problems, tables []string) {
	outer, subs := splitSubqueries(normalizeSQL(sql))
	for _, s := range append([]string{outer}, subs...) {
		p, t := blockProblem(s, tenantTables, exemptTables)
		tables = append(tables, t...)
		if p != "" {
			problems = append(problems, p)
		}
	}
	return problems, tables
}

func blockProblem(s string, tenantTables, exemptTables map[string]bool) (string, []string) {
	verb, _, _ := strings.Cut(s, " ")
	switch verb {
	case "insert":
		m := sqlInsert.FindStringSubmatch(s)
		if m == nil {
			return "an INSERT the reader does not know: " + s, nil
		}
		table := m[1]
		if !tenantTables[table] {
			return tableProblem(table, exemptTables), []string{table}
		}
		for _, col := range strings.Split(m[2], ",") {
			if strings.TrimSpace(col) == "tenant_id" {
				return "", []string{table}
			}
		}
		return fmt.Sprintf("INSERT INTO %s without a tenant_id column", table), []string{table}
	case "select", "update", "delete":
	default:
		return "", nil // SAVEPOINT, SET, transaction control: no table
	}
	var tables, tenant []string
	for _, m := range sqlTables.FindAllStringSubmatch(s, -1) {
		tables = append(tables, m[1])
		if tenantTables[m[1]] {
			tenant = append(tenant, m[1])
		} else if p := tableProblem(m[1], exemptTables); p != "" {
			return p, tables
		}
	}
	if sqlJoin.MatchString(s) {
		return "a join, which the reader does not analyse: " + s, tables
	}
	if len(tenant) == 0 {
		return "", tables
	}
	conjuncts, ok := whereConjuncts(s)
	if !ok || !hasCondition(conjuncts, tenantEquality) && !hasCondition(conjuncts, tenantRowValue) {
		return fmt.Sprintf("%s on %s without a top-level tenant_id condition", strings.ToUpper(verb), tenant[0]), tables
	}
	return "", tables
}

func tableProblem(table string, exemptTables map[string]bool) string {
	if table == "subquery" || exemptTables[table] {
		return ""
	}
	return "table " + table + " has no tenant_id column and is not a listed exception"
}

// TestScopeReader: the reader accepts GORM's tenant-scoped shapes and rejects the ways a
// statement can escape its tenant, including inside a subquery and behind an OR.
func TestScopeReader(t *testing.T) {
	t.Parallel()
	tenantTables := map[string]bool{"events": true, "recovery_plan_steps": true, "recovery_plans": true, "rejections": true, "api_keys": true, "webhook_endpoints": true}
	exempt := map[string]bool{"tenants": true}
	for sql, wantOK := range map[string]bool{
		`SELECT * FROM "rejections" WHERE tenant_id = $1 AND id = $2 LIMIT 1`:                                                            true,
		`SELECT * FROM "rejections" WHERE "rejections"."tenant_id" = $1 AND "rejections"."id" = $2`:                                      true,
		`UPDATE "rejections" SET "company"=$1 WHERE tenant_id = $2 AND id = $3`:                                                          true,
		`INSERT INTO "events" ("tenant_id","id","type") VALUES ($1,$2,$3),($4,$5,$6)`:                                                    true,
		`SELECT * FROM "recovery_plans" WHERE ("tenant_id","id") IN (($1,$2),($3,$4))`:                                                   true,
		`DELETE FROM "events" WHERE tenant_id = $1 AND id IN (SELECT "id" FROM "events" WHERE tenant_id = $2 AND id < $3 LIMIT 10)`:      true,
		`SELECT * FROM "events" WHERE tenant_id = $1 AND (rejection_id = $2 OR subject_id IN ($3,$4)) ORDER BY id LIMIT 5`:               true,
		`UPDATE "webhook_endpoints" SET lease_owner=$1 WHERE tenant_id = $2 AND (id = $3 AND (lease_until IS NULL OR lease_owner = $4))`: true,
		`SELECT * FROM "rejections" WHERE (id = $1 AND (tenant_id = $2))`:                                                                true,
		`SELECT * FROM "tenants" WHERE id = $1`:                                                                                          true,
		`SAVEPOINT external_id_write`:                                                                                                    true,
		`SELECT * FROM "rejections" WHERE id = $1`:                                                                                       false,
		`SELECT * FROM "rejections"`:                                                                                                false,
		`SELECT * FROM "rejections" WHERE tenant_id = $1 OR id = $2`:                                                                false,
		`SELECT * FROM "rejections" WHERE (tenant_id = $1 OR id = $2)`:                                                              false,
		`SELECT * FROM "rejections" WHERE tenant_id IN ($1,$2)`:                                                                     false,
		`SELECT * FROM "rejections" WHERE company = 'tenant_id = $1'`:                                                               false,
		`INSERT INTO "events" ("id","type") VALUES ($1,$2)`:                                                                         false,
		`DELETE FROM "events" WHERE tenant_id = $1 AND id IN (SELECT "id" FROM "events" WHERE id < $2)`:                             false,
		`UPDATE "recovery_plan_steps" SET note = $1 WHERE plan_id IN (SELECT id FROM recovery_plans WHERE tenant_id = $2)`:          false,
		`SELECT * FROM "rejections" JOIN "api_keys" ON api_keys.tenant_id = rejections.tenant_id WHERE rejections.tenant_id = $1`:   false,
		`SELECT * FROM "audit_log" WHERE id = $1`:                                                                                   false,
		`SELECT * FROM "rejections" WHERE rejections.id = $1 AND (SELECT tenant_id FROM api_keys WHERE tenant_id = $2) IS NOT NULL`: false,
	} {
		problems, _ := scopeProblems(sql, tenantTables, exempt)
		if (len(problems) == 0) != wantOK {
			t.Errorf("%s: problems %q, want ok %v", sql, problems, wantOK)
		}
	}
}
