"""Planar geometry on lon/lat (fine at the scale of a district).

Rings are closed point lists ([x, y], first == last); exterior rings counterclockwise, holes
clockwise (RFC 7946). Used to build the demo grids, to place households and example points,
and by validate.py to prove that no two grids overlap.
"""

import random


def ring_area(ring):
    """Signed shoelace area of a closed ring; positive = counterclockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def close(pts):
    """Close a point list into a ring (copies the points, repeats the first)."""
    return [list(p) for p in pts] + [list(pts[0])]


def is_convex(ring):
    """True if the closed ring turns one way only (collinear points ignored)."""
    pts = ring[:-1]
    n = len(pts)
    sign = 0
    for i in range(n):
        (x1, y1), (x2, y2), (x3, y3) = pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        cr = (x2 - x1) * (y3 - y2) - (y2 - y1) * (x3 - x2)
        if abs(cr) < 1e-15:
            continue
        s = 1 if cr > 0 else -1
        if sign and s != sign:
            return False
        sign = s
    return True


def clip_convex(subject, clip):
    """Sutherland-Hodgman: intersection of two convex CCW polygons (open point lists)."""
    out = subject
    n = len(clip)
    for i in range(n):
        a, b = clip[i], clip[(i + 1) % n]

        def inside(p):
            return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= -1e-15

        def inter(p, q):
            x1, y1, x2, y2 = p[0], p[1], q[0], q[1]
            x3, y3, x4, y4 = a[0], a[1], b[0], b[1]
            den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
            t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
            return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)]

        inp, out = out, []
        if not inp:
            break
        for j in range(len(inp)):
            cur, prev = inp[j], inp[j - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(inter(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(inter(prev, cur))
    return out


def convex_overlap_area(r1, r2):
    """Area of intersection of two convex rings (closed, any winding)."""
    p1 = r1[:-1] if ring_area(r1) > 0 else list(reversed(r1[:-1]))
    p2 = r2[:-1] if ring_area(r2) > 0 else list(reversed(r2[:-1]))
    poly = clip_convex(p1, p2)
    if len(poly) < 3:
        return 0.0
    return abs(ring_area(close(poly)))


def point_in_ring(x, y, ring):
    """Even-odd ray casting: is (x, y) inside the closed ring?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def polygons_of(geometry):
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def point_in_geometry(x, y, geometry):
    """Is (x, y) inside some polygon's exterior ring and outside its holes?"""
    for poly in polygons_of(geometry):
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


def geometry_area(geometry):
    """Area of a geometry: exterior rings minus holes."""
    return sum(abs(ring_area(p[0])) - sum(abs(ring_area(h)) for h in p[1:])
               for p in polygons_of(geometry))


def bbox(geometry):
    """(minx, miny, maxx, maxy) of the exterior rings."""
    xs = [pt[0] for p in polygons_of(geometry) for pt in p[0]]
    ys = [pt[1] for p in polygons_of(geometry) for pt in p[0]]
    return min(xs), min(ys), max(xs), max(ys)


def interior_point(geometry, rng=None):
    """A point well inside the geometry (first polygon), avoiding holes."""
    poly = polygons_of(geometry)[0]
    minx, miny, maxx, maxy = bbox({"type": "Polygon", "coordinates": [poly[0]]})
    candidates = []
    if rng is None:
        cx = sum(p[0] for p in poly[0][:-1]) / (len(poly[0]) - 1)
        cy = sum(p[1] for p in poly[0][:-1]) / (len(poly[0]) - 1)
        candidates = [(cx, cy), (cx, (cy + miny) / 2), ((cx + minx) / 2, cy),
                      (cx, miny + (maxy - miny) * 0.15), (minx + (maxx - minx) * 0.15, cy)]
    for _ in range(2000):
        if candidates:
            x, y = candidates.pop(0)
        else:
            r = rng or random.Random(1)
            x = r.uniform(minx, maxx)
            y = r.uniform(miny, maxy)
        x, y = round(x, 6), round(y, 6)
        if point_in_geometry(x, y, {"type": "Polygon", "coordinates": poly}):
            return x, y
    raise RuntimeError("no interior point")
