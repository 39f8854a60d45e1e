"""One import in its own process, so that its peak memory can be read on its own:
`python -m bench.run_import KIND FILE ORG_CODE` prints the result as JSON."""

import json
import os
import sys
import time
from pathlib import Path


def main(kind_name: str, file: str, org_code: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
    django.setup()
    from unionhub.imports.engine import run_import
    from unionhub.imports.kinds import get_kind
    from unionhub.orgs.models import Organization

    path = Path(file)
    root = Organization.objects.get(code=org_code)
    started, cpu = time.perf_counter(), time.process_time()
    result = run_import(kind=get_kind(kind_name), path=path, filename=path.name, root=root)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not result.ok:
        sys.stderr.write("\n".join([result.summary(), *map(str, result.problems[:20])]) + "\n")
        sys.exit(1)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "rows": result.rows,
                "new": result.new,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
