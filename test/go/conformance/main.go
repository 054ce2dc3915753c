// Conformance check: the official Go driver (github.com/snowflakedb/gosnowflake) against the emulator.
//
// Usage: conformance URL ACCOUNT USER PASSWORD
//
// Prints one JSON line on stdout: {"ok": bool, "driver": "<version>", "checks": {name: {"ok": bool, ...}}, "error"?: str}
// and exits 0 only when every check passed. Only 127.0.0.1 is contacted: protocol "http" (no OCSP / CRL, which
// only apply to https; both are switched off anyway), platform detection off (SNOWFLAKE_DISABLE_PLATFORM_DETECTION,
// gosnowflake platform_detection.go), minicore not loaded (built with -tags minicore_disabled), telemetry to the
// emulator only.
package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
)

type checks map[string]map[string]any

var target struct {
	host     string
	port     int
	account  string
	user     string
	password string
}

func config(user string) sf.Config {
	return sf.Config{
		Account:           target.account,
		User:              user,
		Host:              target.host,
		Port:              target.port,
		Protocol:          "http",
		DisableOCSPChecks: true,
		// CRL checks (off by default; https only) stay off: they would fetch distribution points (crl.go).
		CertRevocationCheckMode: sf.CertRevocationCheckDisabled,
		LoginTimeout:            30 * time.Second,
		RequestTimeout:          30 * time.Second,
	}
}

func open(cfg sf.Config) (*sql.DB, error) {
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, cfg))
	db.SetMaxOpenConns(1)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// rows reads every row as column name → value (database/sql's default scan types).
func rows(db *sql.DB, q string) ([]string, []map[string]any, error) {
	r, err := db.Query(q)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	cols, err := r.Columns()
	if err != nil {
		return nil, nil, err
	}
	var out []map[string]any
	for r.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		m := map[string]any{}
		for i, c := range cols {
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return cols, out, r.Err()
}

func expect(cond bool, format string, a ...any) {
	if !cond {
		panic(fmt.Errorf(format, a...))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// run records one check: its detail map, or the error it panicked with; the next checks still run.
func run(all checks, name string, fn func() map[string]any) {
	defer func() {
		if p := recover(); p != nil {
			all[name] = map[string]any{"ok": false, "error": fmt.Sprint(p)}
			fmt.Fprintf(os.Stderr, "check %s failed: %v\n", name, p)
		}
	}()
	d := fn()
	if d == nil {
		d = map[string]any{}
	}
	d["ok"] = true
	all[name] = d
}

func selectContext(db *sql.DB) map[string]any {
	var u, r string
	must(0, db.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&u, &r))
	expect(u == target.user && r == "ACCOUNTADMIN", "row %q %q", u, r)
	return map[string]any{"row": []string{u, r}}
}

func exec1(db *sql.DB, q string) []map[string]any {
	_, rs, err := rows(db, q)
	if err != nil {
		panic(fmt.Errorf("%s: %w", q, err))
	}
	return rs
}

func networkPolicy(db *sql.DB) map[string]any {
	created := exec1(db, "CREATE NETWORK POLICY go_np ALLOWED_IP_LIST = ('192.168.1.0/24', '10.0.0.1') COMMENT = 'go'")
	expect(reflect.DeepEqual(created, []map[string]any{{"status": "Network policy GO_NP successfully created."}}), "create %v", created)
	cols, desc := must2(rows(db, "DESC NETWORK POLICY go_np"))
	expect(reflect.DeepEqual(cols, []string{"name", "value"}), "desc columns %v", cols)
	expect(reflect.DeepEqual(desc, []map[string]any{{"name": "ALLOWED_IP_LIST", "value": "192.168.1.0/24,10.0.0.1"}}), "desc %v", desc)
	show := exec1(db, "SHOW NETWORK POLICIES LIKE 'GO_NP'")
	expect(len(show) == 1 && show[0]["name"] == "GO_NP" && show[0]["comment"] == "go", "show %v", show)
	// A NUMBER(38,0) column: gosnowflake hands it to database/sql as a decimal string (its ScanType is string for FIXED).
	n := show[0]["entries_in_allowed_ip_list"]
	nStr := fmt.Sprint(n)
	expect(nStr == "2", "entries_in_allowed_ip_list %#v", n)
	typed := scanCol[int64](db, "SHOW NETWORK POLICIES LIKE 'GO_NP'", "entries_in_allowed_ip_list")
	expect(typed == 2, "entries_in_allowed_ip_list scanned into int64: %d", typed)
	exec1(db, "ALTER NETWORK POLICY go_np SET ALLOWED_IP_LIST = ('1.1.1.1') BLOCKED_IP_LIST = ('1.1.1.2')")
	desc2 := exec1(db, "DESC NETWORK POLICY go_np")
	expect(reflect.DeepEqual(desc2, []map[string]any{{"name": "ALLOWED_IP_LIST", "value": "1.1.1.1"}, {"name": "BLOCKED_IP_LIST", "value": "1.1.1.2"}}), "desc after alter %v", desc2)
	dropped := exec1(db, "DROP NETWORK POLICY go_np")
	expect(reflect.DeepEqual(dropped, []map[string]any{{"status": "GO_NP successfully dropped."}}), "drop %v", dropped)
	return map[string]any{"show_columns": len(show[0]), "entries_go_type": fmt.Sprintf("%T", n)}
}

// scanCol scans one column of the first row into a T (database/sql converts the driver's value: with JSON results
// gosnowflake hands FIXED and BOOLEAN cells over as their wire text, converter.go stringToValue).
func scanCol[T any](db *sql.DB, q, col string) T {
	r := must(db.Query(q))
	defer r.Close()
	cols := must(r.Columns())
	expect(r.Next(), "%s: no row", q)
	dest := make([]any, len(cols))
	var v T
	for i, c := range cols {
		if c == col {
			dest[i] = &v
		} else {
			dest[i] = new(any)
		}
	}
	must(0, r.Scan(dest...))
	return v
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

func oauthIntegration(db *sql.DB) map[string]any {
	created := exec1(db, "CREATE SECURITY INTEGRATION go_oauth TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "+
		"OAUTH_REDIRECT_URI = 'https://example.com/cb' ENABLED = TRUE COMMENT = 'go'")
	expect(reflect.DeepEqual(created, []map[string]any{{"status": "Integration GO_OAUTH successfully created."}}), "create %v", created)
	cols, desc := must2(rows(db, "DESC SECURITY INTEGRATION go_oauth"))
	expect(reflect.DeepEqual(cols, []string{"property", "property_type", "property_value", "property_default"}), "desc columns %v", cols)
	by := map[string]map[string]any{}
	for _, r := range desc {
		by[fmt.Sprint(r["property"])] = r
	}
	for _, w := range [][3]string{{"ENABLED", "Boolean", "true"}, {"OAUTH_CLIENT_TYPE", "String", "CONFIDENTIAL"},
		{"OAUTH_REDIRECT_URI", "String", "https://example.com/cb"}, {"COMMENT", "String", "go"}} {
		r, ok := by[w[0]]
		expect(ok, "DESC has no %s row", w[0])
		expect(r["property_type"] == w[1] && r["property_value"] == w[2], "%s: %v", w[0], r)
	}
	show := exec1(db, "SHOW SECURITY INTEGRATIONS LIKE 'GO_OAUTH'")
	expect(len(show) == 1, "show %v", show)
	s := show[0]
	expect(s["name"] == "GO_OAUTH" && s["type"] == "OAUTH - CUSTOM" && s["category"] == "SECURITY", "show %v", s)
	enabled := scanCol[bool](db, "SHOW SECURITY INTEGRATIONS LIKE 'GO_OAUTH'", "enabled")
	expect(enabled, "SHOW enabled scanned into bool: %v (raw %#v)", enabled, s["enabled"])
	exec1(db, "ALTER SECURITY INTEGRATION go_oauth SET ENABLED = FALSE COMMENT = 'changed'")
	s2 := exec1(db, "SHOW SECURITY INTEGRATIONS LIKE 'GO_OAUTH'")[0]
	enabled2 := scanCol[bool](db, "SHOW SECURITY INTEGRATIONS LIKE 'GO_OAUTH'", "enabled")
	expect(!enabled2 && s2["comment"] == "changed", "show after alter %v", s2)
	dropped := exec1(db, "DROP SECURITY INTEGRATION go_oauth")
	expect(reflect.DeepEqual(dropped, []map[string]any{{"status": "GO_OAUTH successfully dropped."}}), "drop %v", dropped)
	return map[string]any{"desc_rows": len(desc), "enabled_raw": s["enabled"]}
}

func sqlError(db *sql.DB) map[string]any {
	_, err := db.Exec("DESC NETWORK POLICY go_missing")
	expect(err != nil, "statement unexpectedly succeeded")
	var se *sf.SnowflakeError
	expect(errors.As(err, &se), "error is %T, not *gosnowflake.SnowflakeError: %v", err, err)
	expect(se.Number == 2003, "Number %d", se.Number)
	expect(se.SQLState == "02000", "SQLState %q", se.SQLState)
	expect(se.QueryID != "", "QueryID empty")
	return map[string]any{"number": se.Number, "sqlstate": se.SQLState, "message": se.Message}
}

func multiStatement(db *sql.DB) map[string]any {
	ctx := must(sf.WithMultiStatement(context.Background(), 3))
	r := must(db.QueryContext(ctx, "SELECT 1; SELECT 'two'; SELECT TRUE"))
	defer r.Close()
	// One typed Scan per result set (the raw JSON-format cells are text, see scanCol).
	var one int64
	var two string
	var three bool
	dests := []any{&one, &two, &three}
	sets := 0
	for {
		for r.Next() {
			expect(sets < len(dests), "more than %d result sets", len(dests))
			must(0, r.Scan(dests[sets]))
		}
		sets++
		if !r.NextResultSet() {
			break
		}
	}
	must(0, r.Err())
	got := []any{one, two, three}
	expect(sets == 3 && one == 1 && two == "two" && three, "results %v in %d sets", got, sets)
	_, err := db.QueryContext(must(sf.WithMultiStatement(context.Background(), 3)), "SELECT 1; SELECT 2")
	var se *sf.SnowflakeError
	expect(errors.As(err, &se) && se.Number == 8, "count mismatch: %v", err)
	return map[string]any{"results": got}
}

func keypairLogin(db *sql.DB) map[string]any {
	key := must(rsa.GenerateKey(rand.Reader, 2048))
	spki := must(x509.MarshalPKIXPublicKey(&key.PublicKey))
	exec1(db, "CREATE USER go_kp DEFAULT_ROLE = PUBLIC")
	defer exec1(db, "DROP USER IF EXISTS go_kp")
	exec1(db, "ALTER USER go_kp SET RSA_PUBLIC_KEY = '"+base64.StdEncoding.EncodeToString(spki)+"'")
	cfg := config("GO_KP")
	cfg.Authenticator = sf.AuthTypeJwt
	cfg.PrivateKey = key
	kp := must(open(cfg))
	defer kp.Close()
	var u, r string
	must(0, kp.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&u, &r))
	expect(u == "GO_KP" && r == "PUBLIC", "row %q %q", u, r)
	return map[string]any{"row": []string{u, r}}
}

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: conformance URL ACCOUNT USER PASSWORD")
		os.Exit(2)
	}
	u, err := url.Parse(os.Args[1])
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost") {
		fmt.Fprintf(os.Stderr, "refusing %q: the emulator listens on 127.0.0.1 only\n", os.Args[1])
		os.Exit(2)
	}
	// The driver reads this when the first connection is built (connection.go → initPlatformDetection), so setting
	// it here is early enough: no cloud-metadata probes, which bypass any proxy (platform_detection.go).
	os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	target.host = u.Hostname()
	target.port, _ = strconv.Atoi(u.Port())
	target.account, target.user, target.password = os.Args[2], os.Args[3], os.Args[4]

	all := checks{}
	result := map[string]any{"ok": false, "driver": sf.SnowflakeGoDriverVersion, "checks": all}
	func() {
		defer func() {
			if p := recover(); p != nil {
				result["error"] = fmt.Sprint(p)
			}
		}()
		cfg := config(target.user)
		cfg.Password = target.password
		db, err := open(cfg)
		if err != nil {
			all["password_login"] = map[string]any{"ok": false, "error": err.Error()}
			panic(err)
		}
		all["password_login"] = map[string]any{"ok": true}
		run(all, "select_context", func() map[string]any { return selectContext(db) })
		run(all, "network_policy", func() map[string]any { return networkPolicy(db) })
		run(all, "oauth_integration", func() map[string]any { return oauthIntegration(db) })
		run(all, "sql_error", func() map[string]any { return sqlError(db) })
		run(all, "multi_statement", func() map[string]any { return multiStatement(db) })
		run(all, "keypair_login", func() map[string]any { return keypairLogin(db) })
		run(all, "close", func() map[string]any { must(0, db.Close()); return nil })
	}()
	ok := result["error"] == nil
	for _, c := range all {
		ok = ok && c["ok"] == true
	}
	result["ok"] = ok
	line, _ := json.Marshal(result)
	fmt.Println(string(line))
	if !ok {
		os.Exit(1)
	}
}
