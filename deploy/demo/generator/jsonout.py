"""JSON output: pretty but compact.

Objects and lists that fit in 110 columns stay on one line, and so does every coordinate
ring, so a grids.geojson reads one ring per line and diffs stay small.
"""

import json
import os


def _compact(obj):
    """One-line JSON, no spaces, UTF-8 kept as is."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _is_ring(obj):
    """True for a list of coordinate pairs (kept on one line whatever its length)."""
    return (isinstance(obj, list) and obj and all(
        isinstance(p, list) and p and all(isinstance(x, (int, float)) for x in p) for p in obj))


def dumps(obj, level=0, width=110):
    """Serialise obj: one line if it fits in width (or is a ring), else one item per line."""
    pad = " " * level
    flat = _compact(obj)
    if not isinstance(obj, (dict, list)) or len(flat) + level <= width or _is_ring(obj):
        return flat
    inner = " " * (level + 1)
    if isinstance(obj, list):
        items = [inner + dumps(v, level + 1, width) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    items = [inner + json.dumps(k, ensure_ascii=False) + ":" + dumps(v, level + 1, width)
             for k, v in obj.items()]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def write_json(path, obj):
    """Write obj with dumps() and a final newline, creating the directory if needed."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(obj))
        f.write("\n")
