from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from unionhub.imports.engine import run_import
from unionhub.imports.kinds import all_kinds, get_kind
from unionhub.orgs.models import Organization
from unionhub.orgs.scoping import tree_root


def resolve_org(code: str | None) -> Organization:
    if code:
        org = Organization.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"组织代码“{code}”不存在")
        return org
    # An empty database: the first file must be the orgs file, which creates the root.
    return tree_root() or Organization(code="", name="", path="")


class Command(BaseCommand):
    help = "导入一个电子表格(.xlsx 或 .csv):import_data KIND FILE [--dry-run] [--org CODE]"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="、".join(k.name for k in all_kinds()))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只检查,不写入")
        parser.add_argument("--org", help="导入范围的组织代码(默认:根组织)")

    def handle(self, *args, kind, file, dry_run, org, **options):
        k = get_kind(kind)
        if k is None:
            raise CommandError(f"未知的导入类型“{kind}”,可用:" + "、".join(x.name for x in all_kinds()))
        path = Path(file)
        if not path.exists():
            raise CommandError(f"文件不存在:{file}")
        root = resolve_org(org)
        bar = tqdm(
            total=100,
            unit="%",
            desc=f"{k.label}",
            disable=options["verbosity"] < 1 or not self.stderr.isatty(),
            leave=False,
        )

        def progress(pct, message):
            bar.n = int(pct)
            bar.set_postfix_str(message)
            bar.refresh()

        result = run_import(
            kind=k, path=path, filename=path.name, root=root, dry_run=dry_run, progress=progress
        )
        bar.close()
        for problem in result.problems:
            self.stderr.write(str(problem))
        if not result.ok:
            self.stderr.write(result.summary())
            raise SystemExit(1)
        prefix = "检查通过(未写入):" if dry_run else "导入完成:"
        self.stdout.write(prefix + result.summary())
