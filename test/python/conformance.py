#!/usr/bin/env python3
"""Conformance check: the official Python connector (snowflake-connector-python) against the emulator.

Usage: conformance.py [URL [ACCOUNT [USER [PASSWORD]]]]
   or: EMULATOR_URL=http://127.0.0.1:PORT EMULATOR_ACCOUNT=EMULATOR EMULATOR_USER=ADMIN EMULATOR_PASSWORD=admin conformance.py

Prints one JSON line on stdout: {"ok": bool, "connector": "<version>", "checks": {name: {"ok": bool, ...}}, "error"?: str}
and exits 0 only when every check passed. Driver logging goes to stderr (level from EMULATOR_PY_LOG, default WARNING).
Only 127.0.0.1 is contacted: protocol="http" (no OCSP/CRL), platform detection and out-of-band telemetry off.
"""
import json
import logging
import os
import sys
import traceback
import warnings
from urllib.parse import urlparse

# Before the connector is imported: no cloud-metadata probes (SNOWFLAKE_DISABLE_PLATFORM_DETECTION; snowflake-connector-python src/snowflake/connector/platform_detection.py).
os.environ["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("no_proxy", "127.0.0.1,localhost")
warnings.simplefilter("ignore", FutureWarning)
logging.basicConfig(stream=sys.stderr, level=getattr(logging, os.environ.get("EMULATOR_PY_LOG", "WARNING").upper(), logging.WARNING))

import snowflake.connector  # noqa: E402
from snowflake.connector import ProgrammingError  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402


def arg(i, env, default):
    return sys.argv[i] if len(sys.argv) > i else os.environ.get(env, default)


URL = arg(1, "EMULATOR_URL", "")
ACCOUNT = arg(2, "EMULATOR_ACCOUNT", "EMULATOR")
USER = arg(3, "EMULATOR_USER", "ADMIN")
PASSWORD = arg(4, "EMULATOR_PASSWORD", "admin")
if not URL:
    print("usage: conformance.py URL [ACCOUNT [USER [PASSWORD]]] (or EMULATOR_URL=...)", file=sys.stderr)
    sys.exit(2)
_u = urlparse(URL)
HOST, PORT = _u.hostname, _u.port
if HOST not in ("127.0.0.1", "localhost"):
    print(f"refusing to connect to {HOST}: the emulator listens on 127.0.0.1 only", file=sys.stderr)
    sys.exit(2)

checks = {}


def connect(**kw):
    opts = dict(
        host=HOST,
        port=PORT,
        protocol="http",
        account=ACCOUNT,
        user=USER,
        session_parameters={"CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED": False},
        login_timeout=30,
        network_timeout=30,
    )
    opts.update(kw)
    if "private_key" not in opts and "password" not in opts:
        opts["password"] = PASSWORD
    return snowflake.connector.connect(**opts)


def rows_as_dicts(cur):
    names = [d.name for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def run(cur, sql, **kw):
    cur.execute(sql, **kw)
    return rows_as_dicts(cur)


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def check(name):
    def deco(fn):
        def wrapper(*a):
            try:
                detail = fn(*a) or {}
                checks[name] = {"ok": True, **detail}
            except Exception as e:  # a failed check is recorded; the next ones still run
                checks[name] = {"ok": False, "error": f"{type(e).__name__}: {e}"}
                traceback.print_exc(file=sys.stderr)
        return wrapper
    return deco


@check("select_context")
def select_context(conn):
    cur = conn.cursor()
    cur.execute("SELECT CURRENT_USER(), CURRENT_ROLE()")
    cols = [d.name for d in cur.description]
    row = cur.fetchone()
    expect(cols == ["CURRENT_USER()", "CURRENT_ROLE()"], f"columns {cols}")
    expect(tuple(row) == (USER.upper(), "ACCOUNTADMIN"), f"row {row}")
    return {"columns": cols, "row": list(row)}


@check("network_policy")
def network_policy(conn):
    cur = conn.cursor()
    created = run(cur, "CREATE NETWORK POLICY py_np ALLOWED_IP_LIST = ('192.168.1.0/24', '10.0.0.1') COMMENT = 'py'")
    expect(created == [{"status": "Network policy PY_NP successfully created."}], f"create {created}")
    desc = run(cur, "DESC NETWORK POLICY py_np")
    expect([d.name for d in cur.description] == ["name", "value"], f"desc columns {[d.name for d in cur.description]}")
    expect(desc == [{"name": "ALLOWED_IP_LIST", "value": "192.168.1.0/24,10.0.0.1"}], f"desc {desc}")
    show = run(cur, "SHOW NETWORK POLICIES LIKE 'PY_NP'")
    expect(len(show) == 1 and show[0]["name"] == "PY_NP" and show[0]["comment"] == "py", f"show {show}")
    n = show[0]["entries_in_allowed_ip_list"]
    expect(n == 2 and isinstance(n, int), f"entries_in_allowed_ip_list {n!r} ({type(n).__name__})")
    run(cur, "ALTER NETWORK POLICY py_np SET ALLOWED_IP_LIST = ('1.1.1.1') BLOCKED_IP_LIST = ('1.1.1.2')")
    desc2 = run(cur, "DESC NETWORK POLICY py_np")
    expect(desc2 == [{"name": "ALLOWED_IP_LIST", "value": "1.1.1.1"}, {"name": "BLOCKED_IP_LIST", "value": "1.1.1.2"}], f"desc after alter {desc2}")
    dropped = run(cur, "DROP NETWORK POLICY py_np")
    expect(dropped == [{"status": "PY_NP successfully dropped."}], f"drop {dropped}")
    return {"desc_rows": len(desc2), "entries_type": type(n).__name__}


@check("oauth_integration")
def oauth_integration(conn):
    cur = conn.cursor()
    created = run(
        cur,
        "CREATE SECURITY INTEGRATION py_oauth TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "
        "OAUTH_REDIRECT_URI = 'https://example.com/cb' ENABLED = TRUE COMMENT = 'py'",
    )
    expect(created == [{"status": "Integration PY_OAUTH successfully created."}], f"create {created}")
    desc = run(cur, "DESC SECURITY INTEGRATION py_oauth")
    cols = [d.name for d in cur.description]
    expect(cols == ["property", "property_type", "property_value", "property_default"], f"desc columns {cols}")
    by = {r["property"]: r for r in desc}
    for prop, typ, val in [
        ("ENABLED", "Boolean", "true"),
        ("OAUTH_CLIENT_TYPE", "String", "CONFIDENTIAL"),
        ("OAUTH_REDIRECT_URI", "String", "https://example.com/cb"),
        ("COMMENT", "String", "py"),
    ]:
        expect(prop in by, f"DESC has no {prop} row")
        expect((by[prop]["property_type"], by[prop]["property_value"]) == (typ, val), f"{prop}: {by[prop]}")
    expect(all(isinstance(v, str) or v is None for r in desc for v in r.values()), "DESC cells are text")
    show = run(cur, "SHOW SECURITY INTEGRATIONS LIKE 'PY_OAUTH'")
    expect(len(show) == 1, f"show {show}")
    s = show[0]
    expect(s["name"] == "PY_OAUTH" and s["type"] == "OAUTH - CUSTOM" and s["category"] == "SECURITY", f"show {s}")
    expect(s["enabled"] is True, f"SHOW enabled is {s['enabled']!r} ({type(s['enabled']).__name__}), want True (bool)")
    run(cur, "ALTER SECURITY INTEGRATION py_oauth SET ENABLED = FALSE COMMENT = 'changed'")
    s2 = run(cur, "SHOW SECURITY INTEGRATIONS LIKE 'PY_OAUTH'")[0]
    expect(s2["enabled"] is False and s2["comment"] == "changed", f"show after alter {s2}")
    by2 = {r["property"]: r for r in run(cur, "DESC SECURITY INTEGRATION py_oauth")}
    expect(by2["ENABLED"]["property_value"] == "false", f"ENABLED after alter {by2['ENABLED']}")
    dropped = run(cur, "DROP SECURITY INTEGRATION py_oauth")
    expect(dropped == [{"status": "PY_OAUTH successfully dropped."}], f"drop {dropped}")
    return {"desc_rows": len(desc), "enabled_type": type(s["enabled"]).__name__}


@check("sql_error")
def sql_error(conn):
    cur = conn.cursor()
    try:
        cur.execute("DESC NETWORK POLICY py_missing")
    except ProgrammingError as e:
        expect(e.errno == 2003, f"errno {e.errno!r}")
        expect(e.sqlstate == "02000", f"sqlstate {e.sqlstate!r}")
        expect("does not exist or not authorized" in e.msg, f"msg {e.msg!r}")
        expect(bool(e.sfqid), f"sfqid {e.sfqid!r}")
        return {"errno": e.errno, "sqlstate": e.sqlstate, "msg": e.msg}
    raise AssertionError("statement unexpectedly succeeded")


@check("multi_statement")
def multi_statement(conn):
    cur = conn.cursor()
    cur.execute("SELECT 1; SELECT 'two'; SELECT TRUE", num_statements=3)
    results = [cur.fetchall()]
    while cur.nextset():
        results.append(cur.fetchall())
    got = [[list(r) for r in rs] for rs in results]
    expect(got == [[[1]], [["two"]], [[True]]], f"results {got!r}")
    try:
        cur.execute("SELECT 1; SELECT 2", num_statements=3)
        raise AssertionError("count mismatch unexpectedly succeeded")
    except ProgrammingError as e:
        expect(e.errno == 8, f"count mismatch errno {e.errno!r}")
    return {"results": got}


@check("keypair_login")
def keypair_login(conn):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs8_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    spki = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    body = "".join(l for l in spki.splitlines() if "-----" not in l)
    cur = conn.cursor()
    run(cur, "CREATE USER py_kp DEFAULT_ROLE = PUBLIC")
    try:
        run(cur, f"ALTER USER py_kp SET RSA_PUBLIC_KEY = '{body}'")
        kp = connect(user="PY_KP", authenticator="SNOWFLAKE_JWT", private_key=pkcs8_der)
        try:
            c2 = kp.cursor()
            c2.execute("SELECT CURRENT_USER(), CURRENT_ROLE()")
            row = list(c2.fetchone())
        finally:
            kp.close()
        expect(row == ["PY_KP", "PUBLIC"], f"row {row}")
        return {"row": row}
    finally:
        run(cur, "DROP USER IF EXISTS py_kp")


def main():
    result = {"ok": False, "connector": snowflake.connector.__version__ if hasattr(snowflake.connector, "__version__") else None}
    try:
        from snowflake.connector.version import VERSION
        result["connector"] = ".".join(str(x) for x in VERSION if x is not None)
    except Exception:
        pass
    result["checks"] = checks
    try:
        try:
            conn = connect()
            checks["password_login"] = {"ok": True, "session_id": conn.session_id}
        except Exception as e:
            checks["password_login"] = {"ok": False, "error": f"{type(e).__name__}: {e}"}
            raise
        select_context(conn)
        network_policy(conn)
        oauth_integration(conn)
        sql_error(conn)
        multi_statement(conn)
        keypair_login(conn)
        try:
            conn.close()
            expect(conn.is_closed(), "is_closed() after close()")
            checks["close"] = {"ok": True}
        except Exception as e:
            checks["close"] = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    except Exception as e:
        result["error"] = f"{type(e).__name__}: {e}"
        traceback.print_exc(file=sys.stderr)
    result["ok"] = "error" not in result and all(c["ok"] for c in checks.values())
    print(json.dumps(result, default=str))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
