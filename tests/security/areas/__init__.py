"""The permission matrix's fixtures of each work area, one module per area (named by the area's
label; WorkAreaConfig.matrix), found through unionhub.core.areas. Each module has:

    ACCESS = {"<url name>": A(...), ...}        every URL of the area (tests/security/matrix.py)
    def records(world): ...                    its records, all in district LZ-CZ (world.cz),
                                               set as attributes of `world`; texts carry LEAK
    BY_MODULE = {("<views module>", "<kwarg>"): "<world attribute>" or "=literal"}   optional
    QUERY_SHAPES = {"<url name>": ["?query", ...]}   optional: pages shown in those shapes too
    AUDITED = {"<app.Model>": Audited(...)}     its pghistory-tracked models (test_audit.py)
    NOT_AUDITED = {"<app.Model>": "why"}       tracked models with no field to change
    HISTORY_PAGES = {"<app.Model>": "<url name>"}   the page that shows a record's history

Records are made in the areas' order, so an area may use an earlier area's records
(world.employer, world.member); world.person exists before any area's.
"""
