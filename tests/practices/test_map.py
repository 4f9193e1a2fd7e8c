"""The library's map: where each lab's name is drawn (practices.map.place_labels)."""

from practices.map import PLACES, SQUARE, WIDTH, Marker, _box, _overlap, place_labels, project


def lab(city, latitude, longitude):
    return Marker(*project(latitude, longitude), "/", f"Fairville Lab {city}", "lab", text=city)


def drawn(marker):
    return _box(marker, (marker.dx, marker.dy, marker.anchor))


def square(marker):
    half = SQUARE / 2
    return marker.x - half, marker.y - half, marker.x + half, marker.y + half


def test_a_lab_far_from_the_others_has_its_name_after_its_square():
    athens, dakar = lab("Athens", 37.98, 23.73), lab("Dakar", 14.72, -17.47)
    place_labels([athens, dakar])
    assert (athens.dx, athens.dy, athens.anchor) == PLACES[0]
    assert (dakar.dx, dakar.dy, dakar.anchor) == PLACES[0]


def test_names_of_near_labs_cover_neither_each_other_nor_a_square():
    # London and Brussels are 300 km apart, Berlin's name runs over both lines.
    labs = [
        lab("Brussels", 50.85, 4.35),
        lab("London", 51.51, -0.13),
        lab("Berlin", 52.52, 13.40),
        lab("Amsterdam", 52.37, 4.90),
    ]
    place_labels(labs)
    for one in labs:
        assert not any(_overlap(drawn(one), square(other)) for other in labs)
        assert not any(_overlap(drawn(one), drawn(other)) for other in labs if other is not one)
    assert {(marker.dx, marker.dy, marker.anchor) for marker in labs} != {PLACES[0]}


def test_a_name_near_the_east_edge_is_drawn_before_its_square():
    baku = lab("Bakou, Azerbaïdjan", 40.41, 49.87)  # 2 degrees west of the map's edge
    place_labels([baku])
    left, _top, right, _bottom = drawn(baku)
    assert baku.anchor == "end" and right < baku.x and left >= 0
    assert _box(baku, PLACES[0])[2] > WIDTH  # where it would have been cut


def test_when_no_place_is_clear_the_name_still_stays_on_the_map():
    # Near the east edge, where a name after its square would be cut.
    crowd = [lab(f"Ville {n}", 40.0, 47.0 + n * 0.3) for n in range(8)]
    place_labels(crowd)
    for marker in crowd:
        left, top, right, bottom = drawn(marker)
        assert left >= 0 and right <= WIDTH and top >= 0
