"""Compare expected report figures with the report's JSON: every expected key must be there and
equal (floats to 0.005); keys the expectation lacks are not compared."""


def mismatches(expected, actual, path="") -> list[str]:
    out = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += mismatches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {len(expected)} items, got {actual!r}"]
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out += mismatches(e, a, f"{path}[{i}]")
    elif isinstance(expected, float) or isinstance(actual, float):
        if actual is None or expected is None or abs(float(expected) - float(actual)) > 0.005 + 1e-9:
            if not (actual is None and expected is None):
                out.append(f"{path}: expected {expected}, got {actual}")
    elif expected != actual:
        out.append(f"{path}: expected {expected!r}, got {actual!r}")
    return out
