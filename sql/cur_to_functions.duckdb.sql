-- A month of CUR 2.0 (Cost and Usage Report) aggregated into lambda-cost's functions CSV,
-- for DuckDB. Expects a table or view named `cur` holding one month, for example:
--   CREATE VIEW cur AS SELECT * FROM read_parquet('cur-2026-10/*.parquet');
--   CREATE VIEW cur AS SELECT * FROM read_csv('cur-2026-10.csv', header = true, all_varchar = true);
-- Output columns: function,region,arch,memory_mb,requests,avg_duration_ms,gb_seconds,
-- pc_gb_seconds,pc_duration_gb_seconds,storage_gb_seconds. `lambda-cost fleet` bills a row
-- from its metered GB-s; memory_mb and avg_duration_ms are the equivalent at 1,024 MB (10,240 MB
-- when that would exceed Lambda's 900 s), for opening the function in the calculator.
-- Same rules as the page's CUR import: Lambda usage rows only (taxes, credits, fees, Savings
-- Plans negation and the account's Global- free-tier rows are left out), one function per ARN
-- without its version or alias, region from product_region_code or else the ARN, arm64 from
-- the -ARM suffix. SnapStart, streaming, Lambda@Edge and durable-function usage is not priced.
WITH usage AS (
    SELECT
        CASE
            WHEN regexp_matches(line_item_resource_id, '^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+:')
            THEN regexp_extract(line_item_resource_id, '^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)', 1)
            ELSE line_item_resource_id
        END AS "function",
        COALESCE(
            NULLIF(CAST(product_region_code AS VARCHAR), ''),
            NULLIF(regexp_extract(line_item_resource_id, '^arn:[^:]+:lambda:([^:]+):', 1), ''),
            'us-east-1'
        ) AS region,
        CASE WHEN line_item_usage_type LIKE '%-ARM' THEN 'arm64' ELSE 'x86_64' END AS arch,
        regexp_replace(regexp_replace(line_item_usage_type, '-ARM$', ''), '^[A-Z0-9]{2,4}-', '') AS kind,
        CAST(line_item_usage_amount AS DOUBLE) AS amount
    FROM cur
    WHERE line_item_product_code = 'AWSLambda'
      AND line_item_line_item_type IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
      AND line_item_usage_type NOT LIKE 'Global-%'
      AND COALESCE(line_item_resource_id, '') <> ''
),
functions AS (
    SELECT
        "function",
        region,
        arch,
        SUM(CASE WHEN kind = 'Request' THEN amount ELSE 0 END) AS requests,
        SUM(CASE WHEN kind = 'Lambda-GB-Second' THEN amount ELSE 0 END) AS gb_seconds,
        SUM(CASE WHEN kind = 'Lambda-Provisioned-Concurrency' THEN amount ELSE 0 END) AS pc_gb_seconds,
        SUM(CASE WHEN kind = 'Lambda-Provisioned-GB-Second' THEN amount ELSE 0 END) AS pc_duration_gb_seconds,
        SUM(CASE WHEN kind = 'Lambda-Storage-GB-Second' THEN amount ELSE 0 END) AS storage_gb_seconds
    FROM usage
    WHERE kind IN ('Request', 'Lambda-GB-Second', 'Lambda-Provisioned-Concurrency',
                   'Lambda-Provisioned-GB-Second', 'Lambda-Storage-GB-Second')
    GROUP BY "function", region, arch
),
-- Seconds per request at 1 GB: the average duration the GB-s mean at 1,024 MB.
shaped AS (
    SELECT *,
        CASE WHEN requests > 0 THEN (gb_seconds + pc_duration_gb_seconds) / requests ELSE 0 END AS gb_s_per_request
    FROM functions
)
SELECT
    "function",
    region,
    arch,
    CASE WHEN gb_s_per_request > 900 THEN 10240 ELSE 1024 END AS memory_mb,
    requests,
    GREATEST(
        CASE WHEN gb_s_per_request > 900 THEN gb_s_per_request * 100 ELSE gb_s_per_request * 1000 END,
        0.001
    ) AS avg_duration_ms,
    gb_seconds,
    pc_gb_seconds,
    pc_duration_gb_seconds,
    storage_gb_seconds
FROM shaped
ORDER BY "function", region, arch;
