"""Build ``practices/static/practices/land.svg``, the land behind the library's map.

Run once, offline, when the map's extent (``practices.map``) changes::

    .venv/bin/python -m practices.tools.build_land_svg path/to/ne_110m_countries.shp

The input is Natural Earth's 1:110m countries shapefile (public domain; for
instance ``naturalearth_lowres.shp`` as shipped by geopandas 0.14). Only its
polygons are read, with the standard library; no GIS package is needed.
"""

import struct
import sys
from pathlib import Path

from practices.map import EAST, HEIGHT, NORTH, SOUTH, WEST, WIDTH, project

OUTPUT = Path(__file__).resolve().parent.parent / "static" / "practices" / "land.svg"
MARGIN = 5  # degrees around the extent kept, so coasts run off the edge cleanly


def polygons(shp_path):
    data = Path(shp_path).read_bytes()
    offset = 100
    while offset < len(data):
        _number, length = struct.unpack(">2i", data[offset : offset + 8])
        start = offset + 8
        offset = start + length * 2
        (shape_type,) = struct.unpack("<i", data[start : start + 4])
        if shape_type != 5:  # polygon
            continue
        west, south, east, north = struct.unpack("<4d", data[start + 4 : start + 36])
        if east < WEST - MARGIN or west > EAST + MARGIN:
            continue
        if north < SOUTH - MARGIN or south > NORTH + MARGIN:
            continue
        parts_count, points_count = struct.unpack("<2i", data[start + 36 : start + 44])
        parts = struct.unpack(f"<{parts_count}i", data[start + 44 : start + 44 + 4 * parts_count])
        points_at = start + 44 + 4 * parts_count
        points = [
            struct.unpack("<2d", data[points_at + 16 * i : points_at + 16 * (i + 1)])
            for i in range(points_count)
        ]
        bounds = list(parts) + [points_count]
        for first, last in zip(bounds, bounds[1:], strict=False):
            yield points[first:last]


def path_data(rings):
    commands = []
    for ring in rings:
        projected = []
        for longitude, latitude in ring:
            point = project(latitude, longitude)
            if not projected or point != projected[-1]:
                projected.append(point)
        if len(projected) < 3:
            continue
        head, *tail = projected
        commands.append(
            f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z"
        )
    return "".join(commands)


def main(shp_path):
    d = path_data(polygons(shp_path))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">'
        "<!-- Land: Natural Earth 1:110m countries (public domain), "
        "equirectangular projection, see practices/map.py -->"
        f'<path fill="#dfe6dc" stroke="#b4c2b0" stroke-width="0.6" d="{d}"/></svg>\n'
    )
    OUTPUT.write_text(svg)
    print(f"wrote {OUTPUT} ({len(svg)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
