#!/usr/bin/env python3
"""snowflake-core (snowflake.core) network policies against the emulator's REST resource API.

Usage: rest_network_policies.py URL ACCOUNT USER PASSWORD
Prints one JSON line: {"ok": bool, "version": "<snowflake.core>", "steps": {name: result}, "error"?: str}.
Each step records what the client returned or the HTTP status of the APIError it raised. Only 127.0.0.1 is contacted.
"""
import json
import os
import sys
import warnings
from urllib.parse import urlparse

os.environ["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
warnings.simplefilter("ignore")

import snowflake.connector  # noqa: E402
import snowflake.core  # noqa: E402
from snowflake.core import CreateMode, Root  # noqa: E402
from snowflake.core.exceptions import APIError  # noqa: E402
from snowflake.core.network_policy import NetworkPolicy  # noqa: E402

URL, ACCOUNT, USER, PASSWORD = sys.argv[1:5]
u = urlparse(URL)
if u.hostname != "127.0.0.1":
    sys.exit(2)

steps = {}


def connect(user, password):
    return snowflake.connector.connect(
        host=u.hostname,
        port=u.port,
        protocol="http",
        account=ACCOUNT,
        user=user,
        password=password,
        session_parameters={"CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED": False},
        login_timeout=30,
        network_timeout=30,
    )


def status_of(fn):
    try:
        fn()
        return 200
    except APIError as e:
        return e.status


def as_dict(p):
    d = p.to_dict()
    d.pop("created_on", None)
    return d


try:
    conn = connect(USER, PASSWORD)
    nps = Root(conn).network_policies
    np = NetworkPolicy(name="core_np", allowed_ip_list=["10.0.0.0/8"], blocked_ip_list=["10.0.0.1"], comment="from core")
    nps.create(np)
    steps["fetch"] = as_dict(nps["core_np"].fetch())
    steps["created_on"] = nps["core_np"].fetch().created_on is not None
    steps["list"] = sorted(p.name for p in nps.iter())
    steps["create_again"] = status_of(lambda: nps.create(np))
    steps["if_not_exists"] = status_of(lambda: nps.create(NetworkPolicy(name="core_np", comment="ignored"), mode=CreateMode.if_not_exists))
    steps["comment_after_if_not_exists"] = nps["core_np"].fetch().comment
    nps.create(NetworkPolicy(name="core_np", allowed_ip_list=["192.168.0.0/16"]), mode=CreateMode.or_replace)
    steps["after_replace"] = as_dict(nps["core_np"].fetch())
    nps.create(NetworkPolicy(name='"Mixed core"', allowed_ip_list=["10.1.0.0/16"]))
    steps["quoted_fetch"] = nps['"Mixed core"'].fetch().name
    steps["fetch_missing"] = status_of(lambda: nps["no_such_np"].fetch())
    steps["drop_missing"] = status_of(lambda: nps["no_such_np"].drop())
    steps["drop_missing_if_exists"] = status_of(lambda: nps["no_such_np"].drop(if_exists=True))
    nps["core_np"].drop()
    nps['"Mixed core"'].drop()
    steps["list_after_drop"] = sorted(p.name for p in nps.iter())

    # A user whose role may not create network policies (PUBLIC only).
    conn.cursor().execute("CREATE USER core_plain PASSWORD = 'pw'")
    plain = Root(connect("core_plain", "pw")).network_policies
    steps["create_without_privilege"] = status_of(lambda: plain.create(NetworkPolicy(name="plain_np", allowed_ip_list=["10.0.0.0/8"])))
    print(json.dumps({"ok": True, "version": snowflake.core.__version__, "steps": steps}))
except Exception as e:  # reported, not raised: the Node test shows it
    print(json.dumps({"ok": False, "steps": steps, "error": f"{type(e).__name__}: {e}"}))
    sys.exit(1)
