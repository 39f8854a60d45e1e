import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from unionhub.imports.services import batch_sources_purge


class Command(BaseCommand):
    help = "删除超过若干天仍未确认导入的上传文件(预览后未确认的批次不能再确认)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="保留天数(默认2天)")

    def handle(self, *args, days, **options):
        n = batch_sources_purge(before=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(f"已删除{n}个未确认的上传文件")
