#!/usr/bin/env python3
"""Generated county statistics for the `eduqb rotate` transcript cases: 40 districts x 2
years, primary, junior and nine-year schools, town schools with many backbone and PE/art
teachers and village schools with few. Seeded: the same file every run.
Usage: rotate_gen.py > FILE.csv"""
import random

HEADER = ("school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
          "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
          "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,"
          "books,classes")


def facilities(rng, students, primary):
    factor = students * rng.uniform(0.9, 1.6)
    return (f"{factor * (4.5 if primary else 5.8):.0f},{factor * (7.5 if primary else 10.2):.0f},"
            f"{factor * (2000 if primary else 2500):.0f},{int(factor * 2.6 / 100) + 1}")


def row(rng, key, school_type, primary, town, skew, shared):
    students = rng.randint(600, 1800) if town else rng.randint(80, 500)
    teachers = int(students / (17.0 if primary else 12.5)) + rng.randint(1, 4)
    strong = 1 + skew if town else 1 - 0.8 * skew

    def per100(rate, low, high):
        return min(teachers, round(students / 100 * rate * strong * rng.uniform(low, high)))

    backbone, pe_art = per100(1.3, 0.7, 1.3), per100(1.3, 0.6, 1.4)
    degree = min(teachers, int(students / 100 * (5.5 if primary else 6.5) * rng.uniform(0.8, 1.3)))
    stage = "primary" if primary else "junior"
    return (f"{key},{school_type},{stage},,{students},{teachers},{degree},{backbone},{pe_art},"
            f"{teachers // 3},{shared},0,0,{students // 40 + 1}")


def main():
    rng = random.Random(22)
    lines = [HEADER]
    for district in range(1, 41):
        skew = rng.uniform(0.2, 1.0)
        for year in (2024, 2023):
            for school in range(1, rng.randint(8, 18) + 1):
                kind, town = rng.randint(0, 9), rng.randint(0, 2) == 0
                key = f"{district:04}{school:03},校{district}-{school},县{district},{year}"
                if kind < 7:
                    primary = kind < 4
                    shared = facilities(rng, 1200 if town else 300, primary)
                    lines.append(row(rng, key, "primary_school" if primary else "junior_school",
                                     primary, town, skew, shared))
                else:
                    shared = facilities(rng, 2400 if town else 600, False)
                    lines.append(row(rng, key, "nine_year", True, town, skew, shared))
                    lines.append(row(rng, key, "nine_year", False, town, skew, shared))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
