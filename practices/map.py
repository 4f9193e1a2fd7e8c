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


# A lab's name on the map is its city, in 14-unit bold letters (site.css, ``.marker
# text``). A letter's width in map units, on the wide side: Chromium draws the demo's
# cities 7.8 ("Berlin") to 9.7 ("London") a letter.
LETTER_WIDTH = 10
ASCENT, DESCENT = 14, 3  # the labels' line above and below their baseline, in map units
# Where a lab's name may go, first choice first, as (dx, dy, text-anchor) from the centre
# of its square: after it, before it, then after it a line lower or higher, then before.
PLACES = (
    (10, 5, "start"),
    (-10, 5, "end"),
    (10, 20, "start"),
    (10, -10, "start"),
    (-10, 20, "end"),
    (-10, -10, "end"),
)
SQUARE = 14  # a lab's square, in map units


@dataclass
class Marker:
    x: float
    y: float
    href: str
    label: str  # its name, the marker's title
    kind: str  # "lab" or "case"
    text: str = ""  # a lab's name drawn on the map: its city
    dx: float = PLACES[0][0]  # where that name is drawn (PLACES)
    dy: float = PLACES[0][1]
    anchor: str = PLACES[0][2]


def case_marker(case, url):
    """The marker of a located case study on the map, or None."""
    if case.located and inside(case.latitude, case.longitude):
        return Marker(*project(case.latitude, case.longitude), url, case.title, "case")
    return None


def _box(marker, place):
    """(left, top, right, bottom) of a lab's name drawn at ``place``."""
    dx, dy, anchor = place
    width = len(marker.text) * LETTER_WIDTH
    left = marker.x + dx - (width if anchor == "end" else 0)
    return left, marker.y + dy - ASCENT, left + width, marker.y + dy + DESCENT


def _overlap(one, other):
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def place_labels(markers):
    """Give each lab's name the first of PLACES that stays on the map and clear of the
    squares and of the names placed before it (from north to south): near labs (London
    and Brussels, 300 km apart) would otherwise write over each other, and a name near
    the edge (Cairo's, after its square) would be cut."""
    half = SQUARE / 2
    taken = [(m.x - half, m.y - half, m.x + half, m.y + half) for m in markers]
    for marker in sorted(markers, key=lambda m: (m.y, m.x)):
        boxes = [(place, _box(marker, place)) for place in PLACES]
        on_map = [
            (place, box)
            for place, box in boxes
            if box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT
        ]
        clear = [(place, box) for place, box in on_map if not any(_overlap(box, t) for t in taken)]
        place, box = (clear or on_map or boxes)[0]
        marker.dx, marker.dy, marker.anchor = place
        taken.append(box)


def lab_map(library_page, labs, case_markers):
    """The map of ``labs`` and of the case studies' markers (the page of results)."""
    markers = [marker for marker in case_markers if marker is not None]
    lab_markers = []
    for lab in labs:
        if inside(lab.latitude, lab.longitude):
            x, y = project(lab.latitude, lab.longitude)
            url = library_page.lab_url(lab)
            lab_markers.append(Marker(x, y, url, lab.name, "lab", text=lab.city))
    place_labels(lab_markers)
    # The dots after the squares: a case in its lab's city (most are) is drawn on top, a dot
    # inside the square, where under it nothing of it showed.
    markers = lab_markers + markers
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "land": static(LAND_SVG),
        "markers": markers,
        "has_cases": any(marker.kind == "case" for marker in markers),
    }
