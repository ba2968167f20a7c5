#!/usr/bin/env python3
"""Checks sql/cur_to_functions.duckdb.sql against the CLI's own CUR import.

Generates a month of CUR 2.0 rows (Lambda usage in several regions on both architectures,
qualified ARNs, prefixed usage types, plus rows that must be left out: other services, taxes,
credits, the free tier, SnapStart), runs the DuckDB query over it as CSV and as Parquet, and
checks that `lambda-cost fleet` gives the same fleet total and the same bill per function for
the query's functions CSV as for the CUR file itself, with and without the free tier.
Run by `make test`; needs the `duckdb` Python package (scripts/setup.sh installs it).
"""

import json
import os
import random
import subprocess
import sys
import tempfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SQL = os.path.join(ROOT, "sql", "cur_to_functions.duckdb.sql")

REGIONS = [("us-east-1", ""), ("us-west-2", "USW2-"), ("eu-west-1", "EU-"), ("ap-northeast-1", "APN1-")]
HEADER = [
    "identity_line_item_id", "line_item_usage_start_date", "line_item_product_code",
    "line_item_usage_type", "line_item_operation", "line_item_resource_id",
    "line_item_usage_amount", "line_item_unblended_cost", "line_item_line_item_type",
    "pricing_unit", "product_region_code",
]


def generate_cur(path):
    rng = random.Random(20261129)
    rows = []

    def row(product, usage_type, resource, amount, cost, line_type, region):
        rows.append([str(len(rows) + 1), "2026-10-%02d T00:00:00Z".replace(" ", "") % rng.randint(1, 28),
                     product, usage_type, "Invoke", resource, amount, cost, line_type, "", region])

    for f in range(60):
        region, prefix = REGIONS[f % len(REGIONS)]
        arm = "-ARM" if f % 3 == 0 else ""
        arn = f"arn:aws:lambda:{region}:123456789012:function:fn-{f}"
        # Half the rows name the region in product_region_code, half only by prefix and ARN.
        region_column = region if f % 2 == 0 else ""
        for day in range(rng.randint(1, 6)):
            qualified = arn + (":prod" if day % 2 else "")
            row("AWSLambda", f"{prefix}Request{arm}", qualified, str(rng.randint(1, 5_000_000)), "0", "Usage", region_column)
            gb_s = rng.randint(1, 40_000_000) / 8  # exact in binary: eighths of a GB-s
            row("AWSLambda", f"{prefix}Lambda-GB-Second{arm}", qualified, repr(gb_s), "0", "Usage", region_column)
        if f % 7 == 0:
            row("AWSLambda", f"{prefix}Lambda-Provisioned-Concurrency{arm}", arn, "2419200", "0", "Usage", region_column)
            row("AWSLambda", f"{prefix}Lambda-Provisioned-GB-Second{arm}", arn, "2240000", "0", "Usage", region_column)
        if f % 5 == 0:
            row("AWSLambda", f"{prefix}Lambda-Storage-GB-Second{arm}", arn, "123456.5", "0", "SavingsPlanCoveredUsage", region_column)
    # Two functions that together pass x86_64's 6 B GB-s tier in us-east-1.
    for name in ("giant-a", "giant-b"):
        arn = f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
        row("AWSLambda", "Request", arn, "400000000", "0", "Usage", "us-east-1")
        row("AWSLambda", "Lambda-GB-Second", arn, "4000000000", "0", "Usage", "us-east-1")
    # Rows to leave out.
    row("AmazonS3", "TimedStorage-ByteHrs", "my-bucket", "100", "2.3", "Usage", "us-east-1")
    row("AWSLambda", "Request", "", "", "1.5", "Tax", "")
    row("AWSLambda", "", "", "", "-5", "Credit", "")
    row("AWSLambda", "Global-Lambda-GB-Second", "arn:aws:lambda:us-east-1:123456789012:function:fn-0", "400000", "0", "Usage", "us-east-1")
    row("AWSLambda", "Global-Request", "arn:aws:lambda:us-east-1:123456789012:function:fn-0", "1000000", "0", "Usage", "us-east-1")
    row("AWSLambda", "Lambda-SnapStart-Restored-GB", "arn:aws:lambda:us-east-1:123456789012:function:fn-4", "10", "0.0014", "Usage", "us-east-1")
    rng.shuffle(rows)
    with open(path, "w", newline="") as out:
        out.write(",".join(HEADER) + "\r\n")
        for r in rows:
            out.write(",".join(r) + "\r\n")
    return len(rows)


def run_sql(source_view, out_path):
    con = duckdb.connect()
    con.execute(source_view)
    query = open(SQL).read().strip().rstrip(";")
    con.execute(f"COPY ({query}) TO '{out_path}' (HEADER, DELIMITER ',')")
    con.close()


def fleet(path, *flags):
    cmd = ["cargo", "run", "--quiet", "--bin", "lambda-cost", "--", "fleet", path, *flags]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"test_cur_sql: {' '.join(cmd)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def bills(report):
    return {(f["function"], f["region"], f["arch"]): f["total_usd"] for f in report["functions"]}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        cur_csv = os.path.join(tmp, "cur.csv")
        cur_parquet = os.path.join(tmp, "cur.parquet")
        n = generate_cur(cur_csv)
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * FROM read_csv('{cur_csv}', header = true)) TO '{cur_parquet}' (FORMAT parquet)")
        con.close()
        from_csv = os.path.join(tmp, "functions-from-csv.csv")
        from_parquet = os.path.join(tmp, "functions-from-parquet.csv")
        run_sql(f"CREATE VIEW cur AS SELECT * FROM read_csv('{cur_csv}', header = true, all_varchar = true)", from_csv)
        run_sql(f"CREATE VIEW cur AS SELECT * FROM read_parquet('{cur_parquet}')", from_parquet)
        for flags in ([], ["--free"]):
            direct = fleet(cur_csv, *flags)
            assert len(direct["functions"]) == 62, len(direct["functions"])
            assert direct["bad_row_count"] == 0, direct["bad_rows"]
            for functions_csv in (from_csv, from_parquet):
                imported = fleet(functions_csv, *flags)
                assert imported["bad_row_count"] == 0, imported["bad_rows"]
                assert imported["total_usd"] == direct["total_usd"], (functions_csv, flags, imported["total_usd"], direct["total_usd"])
                assert bills(imported) == bills(direct), (functions_csv, flags)
            # The giants reach tier 2 together: the fleet costs less than its functions one by one.
            assert direct["total_usd"] < direct["sum_of_functions_usd"]
            print(f"test_cur_sql: {n} CUR rows, {len(direct['functions'])} functions, fleet total "
                  f"${direct['total_usd']:,.2f}{' (free tier)' if flags else ''}: the DuckDB query's CSV "
                  f"(from CSV and from Parquet) imports to the same total and the same bill per function")


if __name__ == "__main__":
    main()
