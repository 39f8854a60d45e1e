from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionhub.imports.kinds import all_kinds, get_kind
from unionhub.imports.management.commands.import_data import resolve_org
from unionhub.imports.sheets import run_export


class Command(BaseCommand):
    help = "导出数据(按文件扩展名为 .xlsx 或 .csv):export_data KIND FILE [--org CODE];身份证号完整导出"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="、".join(k.name for k in all_kinds()))
        parser.add_argument("file")
        parser.add_argument("--org", help="导出范围的组织代码(默认:根组织)")

    def handle(self, *args, kind, file, org, **options):
        k = get_kind(kind)
        if k is None:
            raise CommandError(f"未知的导出类型“{kind}”")
        fmt = Path(file).suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError("文件扩展名须为 .xlsx 或 .csv")
        root = resolve_org(org)
        if not root.pk:
            raise CommandError("系统中还没有组织")
        # Run by an administrator on the server: ID numbers are exported in full.
        run_export(kind=k, org=root, target=file, fmt=fmt, mask_ids=False)
        self.stdout.write(f"已导出到 {file}")
