"""A read replica: with DATABASE_REPLICA_URL set, the year-end report's figures are read from a
real streaming replica (started here with pg_basebackup on loopback), and a record written just
before is never missed: a replica that has not replayed it yet is passed over for the primary.

The replica's own statement log is the witness of where the queries ran."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .pgpair import PrimaryAndReplica

REPO = Path(__file__).resolve().parents[2]
ORGS = (
    "组织代码,组织名称,上级组织代码,组织类型\nLZ,柳州市总工会,,市总工会\nLZ-CZ,城中区总工会,LZ,县区总工会\n"
)
MEMBER_HEADER = (
    "姓名,身份证号,手机号,工作单位统一社会信用代码,所属工会组织代码,重点群体,是否农民工,入会日期,会员状态\n"
)
MEMBERS = MEMBER_HEADER + (
    "张三,450202198506150019,,,LZ-CZ,货车司机,是,2018-04-15,\n李四,450202199001010023,,,LZ-CZ,快递员,否,2018-05-02,\n"
)
ONE_MORE = MEMBER_HEADER + "王五,45020219780708003X,,,LZ-CZ,,否,2018-06-30,\n"
MEMBERS_QUERY = 'FROM "members_member"'

pytestmark = pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("runuser") is None,
    reason="as root, runuser is needed to start PostgreSQL",
)


@pytest.fixture(scope="module")
def pair():
    pytest.importorskip("pgserver")
    servers = PrimaryAndReplica().start()
    try:
        servers.primary.sql("CREATE DATABASE uh")
        yield servers
    finally:
        servers.stop()


@pytest.fixture(scope="module")
def manage(pair, tmp_path_factory):
    var = tmp_path_factory.mktemp("replica-node")
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_REPLICA_URL", "STORAGE_URL")
    }
    env.update(
        DATABASE_URL=pair.primary.url("uh"),
        UNIONHUB_VAR=str(var),
        MEDIA_ROOT=str(var / "media"),
        CELERY_TASK_ALWAYS_EAGER="1",
        REPLICA_MAX_WAIT="1",
        DB_CONN_MAX_AGE="0",
    )

    def run(*args, replica=True, check=True):
        run_env = dict(env, DATABASE_REPLICA_URL=pair.replica.url("uh")) if replica else env
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=run_env, capture_output=True, text=True
        )
        if check and done.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    run("migrate", "--no-input", replica=False)
    for kind, text in (("orgs", ORGS), ("members", MEMBERS)):
        path = var / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        run("import_data", kind, str(path), replica=False)
    run.var = var
    return run


def caught_up(pair, seconds=30):
    deadline = time.monotonic() + seconds
    target = pair.primary.sql("SELECT pg_current_wal_lsn()::text")[0][0]
    while time.monotonic() < deadline:
        if pair.replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0][0]:  # noqa: S608
            return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


def report_total(manage, name: str) -> int:
    out = manage.var / f"{name}.json"
    manage("annual_report", "2018", "--org", "LZ", "--as-of", "2018-12-31",
           "--output", str(manage.var / f"{name}.pdf"), "--json", str(out))  # fmt: skip
    return json.loads(out.read_text())["members"]["total"]


def test_the_replica_is_a_real_streaming_standby(pair):
    assert pair.replica.sql("SELECT pg_is_in_recovery()")[0][0] is True
    assert pair.primary.sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")[0][0] == 1


def test_the_report_figures_are_read_from_the_replica(pair, manage):
    caught_up(pair)
    replica_before, primary_before = len(pair.replica.log_text()), len(pair.primary.log_text())
    assert report_total(manage, "on-replica") == 2
    on_replica = pair.replica.log_text()[replica_before:]
    on_primary = pair.primary.log_text()[primary_before:]
    assert MEMBERS_QUERY in on_replica
    assert MEMBERS_QUERY not in on_primary
    assert "pg_current_wal_lsn" in on_primary  # the one question asked of the primary


def test_a_replica_behind_the_last_write_is_passed_over_for_the_primary(pair, manage):
    pair.replica.sql("SELECT pg_wal_replay_pause()")
    try:
        path = manage.var / "one-more.csv"
        path.write_text(ONE_MORE, encoding="utf-8")
        manage("import_data", "members", str(path), replica=False)
        replica_before, primary_before = len(pair.replica.log_text()), len(pair.primary.log_text())
        assert report_total(manage, "behind") == 3  # the new member is counted
        assert MEMBERS_QUERY not in pair.replica.log_text()[replica_before:]
        assert MEMBERS_QUERY in pair.primary.log_text()[primary_before:]
    finally:
        pair.replica.sql("SELECT pg_wal_replay_resume()")
    caught_up(pair)
    assert report_total(manage, "resumed") == 3


def test_a_replica_that_is_down_is_passed_over(pair, manage):
    pair.stop_server(pair.replica)
    try:
        assert report_total(manage, "replica-down") == 3
    finally:
        pair.start_server(pair.replica)
