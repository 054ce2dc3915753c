#!/usr/bin/env python3
"""What snowflake-sqlalchemy, the Snowflake CLI and Snowpark send through the Python connector, against the emulator.

Usage: client_statements.py URL ACCOUNT USER PASSWORD INTEGRATION
Prints one JSON line: {"ok": bool, "steps": {name: result}, "error"?: str}. Only 127.0.0.1 is contacted.
- snowflake-sqlalchemy (src/snowflake/sqlalchemy/snowdialect.py): autocommit=False at connect, SELECT CURRENT_VERSION(),
  "select current_database(), current_schema();", connection.rollback() / commit() (ROLLBACK / COMMIT).
- Snowflake CLI (_plugins/object/manager.py): describe integration IDENTIFIER('<name>').
- Snowpark (session.py cancel_all, from Session.close): select system$cancel_all_queries(<session id>).
"""
import json
import os
import sys
import warnings
from urllib.parse import urlparse

os.environ["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
warnings.simplefilter("ignore", FutureWarning)

import snowflake.connector  # noqa: E402

URL, ACCOUNT, USER, PASSWORD, INTEGRATION = sys.argv[1:6]
u = urlparse(URL)
if u.hostname != "127.0.0.1":
    sys.exit(2)

steps = {}
try:
    conn = snowflake.connector.connect(
        host=u.hostname,
        port=u.port,
        protocol="http",
        account=ACCOUNT,
        user=USER,
        password=PASSWORD,
        autocommit=False,
        session_parameters={"CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED": False},
        login_timeout=30,
        network_timeout=30,
    )
    cur = conn.cursor()
    steps["version"] = cur.execute("SELECT CURRENT_VERSION()").fetchone()[0]
    steps["db_schema"] = list(cur.execute("select current_database(), current_schema();").fetchone())
    conn.rollback()
    conn.commit()
    steps["rollback_commit"] = True
    rows = cur.execute(f"describe integration IDENTIFIER('{INTEGRATION}')").fetchall()
    steps["describe_rows"] = len(rows)
    steps["cancel_all"] = cur.execute(f"select system$cancel_all_queries({conn.session_id})").fetchone()[0]
    conn.rollback()
    conn.close()
    print(json.dumps({"ok": True, "steps": steps}))
except Exception as e:  # reported, not raised: the Node test shows it
    print(json.dumps({"ok": False, "steps": steps, "error": f"{type(e).__name__}: {e}"}))
    sys.exit(1)
