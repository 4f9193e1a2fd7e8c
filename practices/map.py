"""The library's map: an SVG drawn by the site, with no tiles and no third party.

An equirectangular projection of Europe and Africa: longitude and latitude map
linearly to x and y. It distorts shapes a little towards the north, and in
exchange needs no library, no tiles and no request elsewhere; coordinates are
projected on the server. The land is a static SVG made once from Natural Earth's
public-domain 1:110m countries (``practices/tools/build_land_svg.py``); markers
are links drawn over it, so a reader can click through to a lab or a case study,
and a screen reader gets them as a list of links.
"""

from dataclasses import dataclass

from django.templatetags.static import static

WEST, EAST, SOUTH, NORTH = -20.0, 52.0, -36.0, 64.0
WIDTH = 720
HEIGHT = round(WIDTH * (NORTH - SOUTH) / (EAST - WEST))
LAND_SVG = "practices/land.svg"


def project(latitude, longitude):
    """(x, y) in the map's SVG coordinates, rounded to a tenth of a unit."""
    x = (float(longitude) - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def inside(latitude, longitude):
    return SOUTH <= float(latitude) <= NORTH and WEST <= float(longitude) <= EAST


@dataclass
class Marker:
    x: float
    y: float
    href: str
    label: str
    kind: str  # "lab" or "case"


def case_marker(case, url):
    """The marker of a located case study on the map, or None."""
    if case.located and inside(case.latitude, case.longitude):
        return Marker(*project(case.latitude, case.longitude), url, case.title, "case")
    return None


def lab_map(library_page, labs, case_markers):
    """The map of ``labs`` and of the case studies' markers (the page of results)."""
    markers = [marker for marker in case_markers if marker is not None]
    for lab in labs:
        if inside(lab.latitude, lab.longitude):
            x, y = project(lab.latitude, lab.longitude)
            markers.append(Marker(x, y, library_page.lab_url(lab), lab.name, "lab"))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "land": static(LAND_SVG),
        "markers": markers,
        "has_cases": any(marker.kind == "case" for marker in markers),
    }
