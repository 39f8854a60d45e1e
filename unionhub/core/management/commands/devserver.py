"""The development server of `make run`: Django's runserver with a Celery worker beside it.

The worker belongs to the process that serves requests. With the autoreloader that is the child
Django restarts on every code change, so the worker restarts with the new code too; the parent
only watches files. The worker is stopped when its owner exits, and on Linux it is also told to
stop if its owner dies without cleaning up (PR_SET_PDEATHSIG), so no worker outlives the server.
"""

import ctypes
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from .seed_demo import DEMO_USERS, read_demo_logins

PR_SET_PDEATHSIG = 1
# What each demo login shows best, printed beside it.
DEMO_HINTS = {
    "admin": "全市的数字、导入与年度工作总结",
    "chengzhong": "录入和修改城中区的记录",
    "yufeng": "领导首页:鱼峰区的主要数字和待办事项",
}
FIRST_STEPS = [
    "先用 admin 登录:首页是全市的主要数字;“年度报告”里选最近一年,生成工作总结 PDF。",
    "再用 chengzhong 登录:只看得到城中区;在“会员”里新建一名会员,或在“导入”里下载模板、导入一个文件。",
    "最后用 yufeng 登录:看领导首页的本区数字和待办。",
]


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # not Linux: the owner's own clean-up still stops the worker


def start_worker(pool: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "celery", "-A", "unionhub", "worker", f"--pool={pool}", "-l", "info"]
    if pool == "threads":
        cmd.append("--concurrency=4")
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    return subprocess.Popen(cmd, cwd=settings.BASE_DIR, preexec_fn=preexec)


def stop_worker(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Warm shutdown (the running task finishes), then a kill if it takes too long."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Command(BaseCommand):
    help = "开发服务器:Django 网站加一个 Celery 后台任务进程"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--noreload", action="store_false", dest="use_reloader")
        parser.add_argument("--pool", choices=["solo", "threads"], default="solo")

    def handle(self, *args, host, port, use_reloader, pool, **options):
        is_reloader_parent = use_reloader and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if is_reloader_parent:
            self.print_login(host, port)
            call_command("runserver", f"{host}:{port}", use_reloader=True)
            return
        if not use_reloader:
            self.print_login(host, port)
            # runserver only turns SIGTERM into an orderly exit when it reloads.
            signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
        worker = start_worker(pool)
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=use_reloader)
        finally:
            stop_worker(worker)

    def print_login(self, host, port):
        logins = read_demo_logins()
        self.stdout.write(self.style.SUCCESS(f"UnionHub: http://{host}:{port}/"))
        for username, role, *_ in DEMO_USERS:
            if username in logins:
                hint = DEMO_HINTS.get(username, "")
                line = f"  演示账号 {role}: {username} / {logins[username]}"
                self.stdout.write(self.style.SUCCESS(line) + (f"  ({hint})" if hint else ""))
        for step in FIRST_STEPS:
            self.stdout.write(f"  · {step}")
        broker = "Redis" if settings.REDIS_URL else "文件系统(var/broker)"
        self.stdout.write(f"  后台任务: Celery worker,消息队列 {broker}")
