#!/usr/bin/python3
"""make run's demo: a quality register's monthly results for the demo's units as the CSV export
clients/c/publish_measurements reads (indicator,organisation,period,numerator,denominator,stratum).
Two years up to last month; one indicator is reported per sex as well as in total. Deterministic:
a second run writes the same file, and the service keeps the same values."""
import argparse, datetime, random


def months(count, today):
    y, m = today.year, today.month
    out = []
    for _ in range(count):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(f"{y:04d}-{m:02d}")
    return out[::-1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--units", required=True, help="comma-separated unit ids")
    p.add_argument("--months", type=int, default=24)
    a = p.parse_args()
    rng = random.Random("kunskapsloop-demo-register")
    print("# RiksSvikt and SRQ, the demo's export")
    print("indicator,organisation,period,numerator,denominator,stratum")
    for unit in a.units.split(","):
        level_f, level_m = 0.80 + rng.random() * 0.08, 0.83 + rng.random() * 0.08
        level_ra = 0.62 + rng.random() * 0.1
        for period in months(a.months, datetime.date.today()):
            women, men = 14 + rng.randrange(10), 16 + rng.randrange(10)
            w = sum(rng.random() < level_f for _ in range(women))
            m = sum(rng.random() < level_m for _ in range(men))
            print(f"hjartsvikt-uppfoljning,{unit},{period},{w},{women},kon:kvinnor")
            print(f"hjartsvikt-uppfoljning,{unit},{period},{m},{men},kon:man")
            print(f"hjartsvikt-uppfoljning,{unit},{period},{w + m},{women + men},")
            patients = 20 + rng.randrange(15)
            print(f"ra-remission,{unit},{period},{sum(rng.random() < level_ra for _ in range(patients))},{patients},")


if __name__ == "__main__":
    main()
