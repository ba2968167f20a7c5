//! Reading a fleet from a file: a CUR 2.0 export, a Compute Optimizer Lambda export or a
//! plain functions CSV, told apart by the header row.
//!
//! Bytes are fed in chunks (`Parser::feed`), so a page can read a large file piece by
//! piece and yield between pieces; memory grows with the number of functions, not rows.
//! A row that cannot be used is listed with its row number and the reason, and skipped;
//! rows that are not Lambda usage (other services, taxes, credits, the free tier) are
//! counted and set aside.

use super::csv::{Fields, Reader, Record};
use super::{Function, Recommendation, Usage};
use crate::input::{echo, Field};
use crate::rates::{Arch, RateCard};
use crate::scenario::{set_field, Scenario};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Bad rows listed one by one; beyond this they are only counted.
pub const MAX_LISTED_BAD_ROWS: usize = 1000;
/// Longest function name or ARN accepted (an ARN with a 64-character name and an alias is
/// under 200).
pub const MAX_NAME_CHARS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Cost and Usage Report (CUR 2.0; the legacy CUR's `lineItem/UsageType` names too).
    Cur,
    ComputeOptimizer,
    /// `function,region,arch,memory_mb,requests,avg_duration_ms`, per month.
    Functions,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Cur => "Cost and Usage Report",
            Format::ComputeOptimizer => "Compute Optimizer export",
            Format::Functions => "functions CSV",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BadRow {
    /// Row number in the file; the header is row 1.
    pub row: usize,
    pub reason: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: {}", self.row, self.reason)
    }
}

/// Rows recognized and left out of the fleet, by kind.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// What they are: "other services", "taxes", "credits", "free tier", …
    pub kind: String,
    pub rows: usize,
    /// Their summed cost column, when the file has one.
    pub cost_usd: f64,
}

/// What a file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub format: Format,
    pub functions: Vec<Function>,
    /// Data rows read (the header and blank lines not counted).
    pub rows: usize,
    /// The first `MAX_LISTED_BAD_ROWS` bad rows.
    pub bad_rows: Vec<BadRow>,
    /// Every bad row, listed or not.
    pub bad_row_count: usize,
    pub set_aside: Vec<SetAside>,
    pub notices: Vec<String>,
}

/// Reads a fleet file fed in chunks.
pub struct Parser<'a> {
    reader: Reader,
    state: State<'a>,
    bytes: u64,
}

enum State<'a> {
    Header(&'a RateCard),
    Body(Box<Body<'a>>),
    Failed(String),
}

struct Body<'a> {
    card: &'a RateCard,
    format: Format,
    columns: Columns,
    functions: Vec<Function>,
    /// Functions by `key` (name, region and architecture in one string).
    index: HashMap<String, usize>,
    /// The lookup key of the current row, reused so a row allocates nothing.
    key: String,
    rows: usize,
    bad_rows: Vec<BadRow>,
    bad_row_count: usize,
    set_aside: BTreeMap<String, (usize, f64)>,
    notices: Vec<String>,
}

/// Column positions, by what they hold.
#[derive(Default)]
struct Columns {
    named: HashMap<&'static str, usize>,
    /// Functions CSV: scenario keys given as extra columns, with their field.
    extra: Vec<(usize, Field, String)>,
}

impl Columns {
    fn get<'r>(&self, name: &str, fields: &'r [&'r str]) -> Option<&'r str> {
        self.named
            .get(name)
            .and_then(|&i| fields.get(i))
            .map(|s| s.trim())
    }
}

/// Header names compared without case, spaces or punctuation, so `line_item_usage_type`
/// and the legacy `lineItem/UsageType` are the same column.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A column: its normalized name, and the name to show.
type Column = (&'static str, &'static str);

const CUR_REQUIRED: [(&str, &str); 4] = [
    ("lineitemusagetype", "line_item_usage_type"),
    ("lineitemusageamount", "line_item_usage_amount"),
    ("lineitemresourceid", "line_item_resource_id"),
    ("lineitemlineitemtype", "line_item_line_item_type"),
];
const CUR_OPTIONAL: [(&str, &str); 3] = [
    ("lineitemunblendedcost", "line_item_unblended_cost"),
    ("productregioncode", "product_region_code"),
    ("lineitemproductcode", "line_item_product_code"),
];
const OPTIMIZER_REQUIRED: [(&str, &str); 5] = [
    ("functionarn", "FunctionArn"),
    ("numberofinvocations", "NumberOfInvocations"),
    (
        "utilizationmetricsdurationaverage",
        "UtilizationMetricsDurationAverage",
    ),
    ("lookbackperiodindays", "LookbackPeriodInDays"),
    (
        "currentconfigurationmemorysize",
        "CurrentConfigurationMemorySize",
    ),
];
const OPTIMIZER_OPTIONAL: [(&str, &str); 4] = [
    (
        "recommendationoptionsconfigurationmemorysize",
        "RecommendationOptionsConfigurationMemorySize",
    ),
    (
        "recommendationoptionsprojectedutilizationmetricsdurationexpected",
        "RecommendationOptionsProjectedUtilizationMetricsDurationExpected",
    ),
    ("currentcosttotal", "CurrentCostTotal"),
    (
        "utilizationmetricsmemorymaximum",
        "UtilizationMetricsMemoryMaximum",
    ),
];
const FUNCTIONS_REQUIRED: [(&str, &str); 6] = [
    ("function", "function"),
    ("region", "region"),
    ("arch", "arch"),
    ("memorymb", "memory_mb"),
    ("requests", "requests"),
    ("avgdurationms", "avg_duration_ms"),
];
/// Optional columns of the functions CSV with the scenario field each sets.
const FUNCTIONS_FIELDS: [(&str, &str, Field); 5] = [
    ("storagemb", "storage_mb", Field::Storage),
    ("coldpct", "cold_pct", Field::ColdStart),
    ("initms", "init_ms", Field::Init),
    ("pc", "pc", Field::Provisioned),
    ("pchours", "pc_hours", Field::ProvisionedHours),
];
/// Further scenario keys a functions CSV may carry as columns, per function. Account-wide
/// keys (`free`, `discount`) and rate overrides are not per-function settings.
const FUNCTIONS_SCENARIO_KEYS: [Field; 5] = [
    Field::ProvisionedRequests,
    Field::ProvisionedDuration,
    Field::CpuBound,
    Field::MultiThreaded,
    Field::Arm64Factor,
];
const FUNCTIONS_OPTIONAL: [(&str, &str); 7] = [
    ("memoryusedmb", "memory_used_mb"),
    ("recommendedmemorymb", "recommended_memory_mb"),
    ("awscostusd", "aws_cost_usd"),
    // Metered usage (what `sql/cur_to_functions.*.sql` writes from a CUR): when
    // `gb_seconds` is given the row is billed from these, exactly as the CUR metered it.
    ("gbseconds", "gb_seconds"),
    ("pcgbseconds", "pc_gb_seconds"),
    ("pcdurationgbseconds", "pc_duration_gb_seconds"),
    ("storagegbseconds", "storage_gb_seconds"),
];

fn column_list(cols: &[(&str, &str)]) -> String {
    cols.iter().map(|c| c.1).collect::<Vec<_>>().join(", ")
}

impl<'a> Parser<'a> {
    pub fn new(card: &'a RateCard) -> Parser<'a> {
        Parser {
            reader: Reader::new(),
            state: State::Header(card),
            bytes: 0,
        }
    }

    /// Bytes fed so far, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Reads the next piece of the file. An error (a header that is none of the formats)
    /// ends the reading: later calls return it again.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.bytes += bytes.len() as u64;
        let state = &mut self.state;
        if let State::Failed(e) = state {
            return Err(e.clone());
        }
        self.reader.feed(bytes, &mut |r| on_record(state, r));
        match state {
            State::Failed(e) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    /// Ends the file and returns what it held.
    pub fn finish(mut self) -> Result<Import, String> {
        let state = &mut self.state;
        self.reader.finish(&mut |r| on_record(state, r));
        match self.state {
            State::Failed(e) => Err(e),
            State::Header(_) => Err("the file is empty: no header row".into()),
            State::Body(body) => Ok(body.finish()),
        }
    }
}

/// Reads a whole file at once (the CLI; tests).
pub fn parse(bytes: &[u8], card: &RateCard) -> Result<Import, String> {
    let mut p = Parser::new(card);
    p.feed(bytes)?;
    p.finish()
}

fn on_record(state: &mut State<'_>, record: Record<'_>) {
    match state {
        State::Failed(_) => {}
        State::Header(card) => {
            let card = *card;
            *state = match header(card, record.fields) {
                Ok(body) => State::Body(Box::new(body)),
                Err(e) => State::Failed(e),
            };
        }
        State::Body(body) => body.record(record),
    }
}

fn header<'a>(card: &'a RateCard, fields: Option<Fields<'_>>) -> Result<Body<'a>, String> {
    let fields = fields.ok_or("the header row is longer than 1 MB: this is not a CSV file")?;
    let mut names = Vec::with_capacity(fields.count());
    for f in fields.iter() {
        let text = std::str::from_utf8(f)
            .map_err(|_| "the header row is not UTF-8 text: save the file as UTF-8 CSV")?;
        names.push(text.trim().to_string());
    }
    let normalized: Vec<String> = names.iter().map(|n| normalize(n)).collect();
    let position = |key: &str| normalized.iter().position(|n| n == key);
    let has = |key: &str| position(key).is_some();
    let (format, required, optional): (Format, &[Column], &[Column]) =
        if has("lineitemusagetype") || has("lineitemusageamount") {
            (Format::Cur, &CUR_REQUIRED, &CUR_OPTIONAL)
        } else if has("functionarn") {
            (
                Format::ComputeOptimizer,
                &OPTIMIZER_REQUIRED,
                &OPTIMIZER_OPTIONAL,
            )
        } else if has("function") && (has("memorymb") || has("avgdurationms")) {
            (Format::Functions, &FUNCTIONS_REQUIRED, &FUNCTIONS_OPTIONAL)
        } else {
            let shown: Vec<String> = names.iter().take(8).map(|n| echo(n, 40)).collect();
            return Err(format!(
                "not a fleet file: the header ({}{}) has none of the columns looked for: a Cost \
                 and Usage Report needs {}; a Compute Optimizer export needs {}; a functions CSV \
                 needs {}",
                shown.join(", "),
                if names.len() > 8 { ", …" } else { "" },
                column_list(&CUR_REQUIRED),
                column_list(&OPTIMIZER_REQUIRED),
                column_list(&FUNCTIONS_REQUIRED),
            ));
        };
    let missing: Vec<&str> = required
        .iter()
        .filter(|(key, _)| !has(key))
        .map(|c| c.1)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "this looks like a {} but has no {} column{}",
            format.label(),
            missing.join(", "),
            if missing.len() > 1 { "s" } else { "" }
        ));
    }
    let mut columns = Columns::default();
    for (key, _) in required.iter().chain(optional) {
        if let Some(i) = position(key) {
            columns.named.insert(key, i);
        }
    }
    let mut notices = Vec::new();
    if format == Format::ComputeOptimizer {
        // Numbered recommendation options: the first one is the recommendation.
        for (key, _) in OPTIMIZER_OPTIONAL {
            if !columns.named.contains_key(key) {
                let numbered = key.replacen("recommendationoptions", "recommendationoptions1", 1);
                if let Some(i) = position(&numbered) {
                    columns.named.insert(key, i);
                }
            }
        }
        notices.push(
            "A Compute Optimizer export has no architecture column: every function is priced \
             as x86_64."
                .to_string(),
        );
    }
    if format == Format::Functions {
        let mut ignored = Vec::new();
        for (i, n) in normalized.iter().enumerate() {
            if let Some((_, column, field)) = FUNCTIONS_FIELDS.iter().find(|c| c.0 == n) {
                columns.extra.push((i, *field, column.to_string()));
            } else if let Some(field) = FUNCTIONS_SCENARIO_KEYS
                .iter()
                .find(|f| normalize(f.key()) == *n)
            {
                columns.extra.push((i, *field, names[i].clone()));
            } else if !columns.named.values().any(|&c| c == i) && !names[i].is_empty() {
                ignored.push(echo(&names[i], 40));
            }
        }
        if !ignored.is_empty() {
            notices.push(format!("Columns not used: {}.", ignored.join(", ")));
        }
    }
    Ok(Body {
        card,
        format,
        columns,
        functions: Vec::new(),
        index: HashMap::new(),
        key: String::new(),
        rows: 0,
        bad_rows: Vec::new(),
        bad_row_count: 0,
        set_aside: BTreeMap::new(),
        notices,
    })
}

/// A number from a cell; empty, NaN and infinities are refused.
fn number(column: &str, text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("{column} is empty"));
    }
    match crate::decimal::parse(t) {
        Some(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{column}: \"{}\" is not a number", echo(t, 24))),
    }
}

fn non_negative(column: &str, text: &str) -> Result<f64, String> {
    let v = number(column, text)?;
    if v < 0.0 {
        return Err(format!("{column}: must not be negative"));
    }
    Ok(v)
}

/// The function's name from a resource id or ARN, without a version or alias qualifier,
/// so every version of a function is one function.
fn function_name(id: &str) -> Result<&str, String> {
    let id = id.trim();
    if id.is_empty() {
        return Err("no function (the resource id is empty)".into());
    }
    if id.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the function name is longer than {MAX_NAME_CHARS} characters"
        ));
    }
    if id.chars().any(char::is_control) {
        return Err("the function name holds control characters".into());
    }
    if id.starts_with("arn:") && id.split(':').nth(5) == Some("function") {
        // arn:partition:lambda:region:account:function:name[:qualifier]
        if let Some((i, _)) = id.match_indices(':').nth(6) {
            return Ok(&id[..i]);
        }
    }
    Ok(id)
}

/// The region inside a Lambda ARN.
fn arn_region(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    let (arn_, _, service, region) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let rest = parts.count();
    (arn_ == "arn" && service == "lambda" && !region.is_empty() && rest >= 3).then_some(region)
}

/// Region of a CUR usage-type prefix (us-east-1 usage has none). Only prefixes AWS
/// documents are listed; other regions come from the `product_region_code` column or the ARN.
fn prefix_region(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "USE1" => "us-east-1",
        "USE2" => "us-east-2",
        "USW1" => "us-west-1",
        "USW2" => "us-west-2",
        "CAN1" => "ca-central-1",
        "SAE1" => "sa-east-1",
        "EU" | "EUW1" => "eu-west-1",
        "EUW2" => "eu-west-2",
        "EUW3" => "eu-west-3",
        "EUC1" => "eu-central-1",
        "EUC2" => "eu-central-2",
        "EUS1" => "eu-south-1",
        "EUN1" => "eu-north-1",
        "AFS1" => "af-south-1",
        "MES1" => "me-south-1",
        "APE1" => "ap-east-1",
        "APS3" => "ap-south-1",
        "APN1" => "ap-northeast-1",
        "APN2" => "ap-northeast-2",
        "APN3" => "ap-northeast-3",
        "APS1" => "ap-southeast-1",
        "APS2" => "ap-southeast-2",
        "APS6" => "ap-southeast-4",
        _ => return None,
    })
}

/// What a Lambda usage type meters, once its region prefix and `-ARM` suffix are off.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meter {
    Requests,
    Duration,
    Provisioned,
    ProvisionedDuration,
    Storage,
}

fn meter(kind: &str) -> Option<Meter> {
    Some(match kind {
        "Request" => Meter::Requests,
        "Lambda-GB-Second" => Meter::Duration,
        "Lambda-Provisioned-Concurrency" => Meter::Provisioned,
        "Lambda-Provisioned-GB-Second" => Meter::ProvisionedDuration,
        "Lambda-Storage-GB-Second" => Meter::Storage,
        _ => return None,
    })
}

/// Splits `USW2-Lambda-GB-Second-ARM` into (Some("USW2"), "Lambda-GB-Second", arm64).
fn split_usage_type(usage_type: &str) -> (Option<&str>, &str, Arch) {
    let (rest, arch) = match usage_type.strip_suffix("-ARM") {
        Some(r) => (r, Arch::Arm64),
        None => (usage_type, Arch::X86_64),
    };
    match rest.split_once('-') {
        Some((p, kind))
            if p.len() <= 4
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && p != "Lambda" =>
        {
            (Some(p), kind, arch)
        }
        _ => (None, rest, arch),
    }
}

impl Body<'_> {
    fn bad(&mut self, row: usize, reason: String) {
        self.bad_row_count += 1;
        if self.bad_rows.len() < MAX_LISTED_BAD_ROWS {
            self.bad_rows.push(BadRow { row, reason });
        }
    }

    fn set_aside(&mut self, kind: &str, cost: f64) {
        let e = self.set_aside.entry(kind.to_string()).or_default();
        e.0 += 1;
        e.1 += cost;
    }

    fn record(&mut self, record: Record<'_>) {
        self.rows += 1;
        let Some(raw) = record.fields else {
            self.bad(
                record.row,
                format!(
                    "longer than {} MB; skipped",
                    super::csv::MAX_RECORD_BYTES >> 20
                ),
            );
            return;
        };
        let mut fields = Vec::with_capacity(raw.count());
        for f in raw.iter() {
            match std::str::from_utf8(f) {
                Ok(s) => fields.push(s),
                Err(_) => {
                    self.bad(
                        record.row,
                        "not UTF-8 text (save the file as UTF-8 CSV)".into(),
                    );
                    return;
                }
            }
        }
        let result = match self.format {
            Format::Cur => self.cur_row(record.row, &fields),
            Format::ComputeOptimizer => self.optimizer_row(record.row, &fields),
            Format::Functions => self.functions_row(record.row, &fields),
        };
        if let Err(reason) = result {
            self.bad(record.row, reason);
        }
    }

    /// A region on the rate card, or why not.
    fn known_region<'r>(&self, region: &'r str) -> Result<&'r str, String> {
        if self.card.region(region).is_some() {
            Ok(region)
        } else {
            Err(format!(
                "region \"{}\" is not on the rate card",
                echo(region, 32)
            ))
        }
    }

    /// Where (name, region, arch) is in `functions`, with `self.key` set to its key.
    fn find(&mut self, name: &str, region: &str, arch: Arch) -> Option<usize> {
        self.key.clear();
        for part in [name, "\u{1f}", region, "\u{1f}", arch.as_str()] {
            self.key.push_str(part);
        }
        self.index.get(self.key.as_str()).copied()
    }

    /// The metered function for (name, region, arch): an existing one, or a new one.
    fn function_at(&mut self, name: &str, region: &str, arch: Arch, row: usize) -> usize {
        if let Some(i) = self.find(name, region, arch) {
            return i;
        }
        let i = self.functions.len();
        self.index.insert(self.key.clone(), i);
        self.functions.push(Function {
            name: name.to_string(),
            region: region.to_string(),
            arch,
            scenario: None,
            metered: Some(Usage::default()),
            aws_cost_usd: None,
            recommended: None,
            memory_floor_mb: None,
            row,
        });
        i
    }

    fn cur_row(&mut self, row: usize, fields: &[&str]) -> Result<(), String> {
        let c = &self.columns;
        let get = |name: &str| c.get(name, fields).unwrap_or("");
        let cost_text = get("lineitemunblendedcost");
        let cost = crate::decimal::parse(cost_text).filter(|v| v.is_finite());
        let product = c.get("lineitemproductcode", fields);
        let usage_type = get("lineitemusagetype");
        let line_type = get("lineitemlineitemtype");
        if product.is_some_and(|p| !p.is_empty() && p != "AWSLambda") {
            self.set_aside("other services", cost.unwrap_or(0.0));
            return Ok(());
        }
        let kind = match line_type {
            "Usage" | "DiscountedUsage" | "SavingsPlanCoveredUsage" => None,
            "Tax" => Some("taxes"),
            "Credit" => Some("credits"),
            "Refund" => Some("refunds"),
            "SavingsPlanNegation" => Some("Savings Plans negation"),
            "Fee" | "RIFee" | "SavingsPlanRecurringFee" | "SavingsPlanUpfrontFee" => Some("fees"),
            "BundledDiscount" | "Discount" | "EdpDiscount" | "PrivateRateDiscount" => {
                Some("discounts")
            }
            "" => return Err("line_item_line_item_type is empty".into()),
            _ => Some("other line item types"),
        };
        if let Some(kind) = kind {
            self.set_aside(kind, cost.unwrap_or(0.0));
            return Ok(());
        }
        if usage_type.starts_with("Global-") {
            self.set_aside("free tier", cost.unwrap_or(0.0));
            return Ok(());
        }
        let (prefix, kind, arch) = split_usage_type(usage_type);
        let Some(meter) = meter(kind) else {
            // Without a product column, only a Lambda-looking usage type is Lambda's.
            let lambda = product.is_some() || kind.starts_with("Lambda-");
            self.set_aside(
                if lambda {
                    "Lambda usage not priced here (SnapStart, streaming, Lambda@Edge, durable functions, …)"
                } else {
                    "other services"
                },
                cost.unwrap_or(0.0),
            );
            return Ok(());
        };
        let name = function_name(get("lineitemresourceid")).map_err(|e| {
            if get("lineitemresourceid").is_empty() {
                "no resource id: export the CUR with resource IDs included".to_string()
            } else {
                e
            }
        })?;
        let region_column = c.get("productregioncode", fields).unwrap_or("");
        let region = if !region_column.is_empty() {
            region_column
        } else if let Some(p) = prefix {
            prefix_region(p)
                .or_else(|| arn_region(name))
                .ok_or_else(|| {
                    format!("unknown region prefix \"{}\" in the usage type", echo(p, 8))
                })?
        } else {
            arn_region(name).unwrap_or("us-east-1")
        };
        let region = self.known_region(region)?;
        let amount = non_negative("line_item_usage_amount", get("lineitemusageamount"))?;
        let i = self.function_at(name, region, arch, row);
        let f = &mut self.functions[i];
        let u = f.metered.get_or_insert_with(Usage::default);
        match meter {
            Meter::Requests => u.requests += amount,
            Meter::Duration => u.duration_gb_s += amount,
            Meter::Provisioned => u.provisioned_gb_s += amount,
            Meter::ProvisionedDuration => u.provisioned_duration_gb_s += amount,
            Meter::Storage => u.storage_gb_s += amount,
        }
        if let Some(cost) = cost {
            *f.aws_cost_usd.get_or_insert(0.0) += cost;
        }
        Ok(())
    }

    fn optimizer_row(&mut self, row: usize, fields: &[&str]) -> Result<(), String> {
        let c = &self.columns;
        let get = |name: &str| c.get(name, fields).unwrap_or("");
        let name = function_name(get("functionarn"))?;
        let region = arn_region(name)
            .ok_or_else(|| format!("FunctionArn \"{}\" is not a Lambda ARN", echo(name, 60)))?;
        let region = self.known_region(region)?.to_string();
        let invocations = non_negative("NumberOfInvocations", get("numberofinvocations"))?;
        let days = number("LookbackPeriodInDays", get("lookbackperiodindays"))?;
        if !(1.0..=366.0).contains(&days) {
            return Err("LookbackPeriodInDays: must be between 1 and 366".into());
        }
        let mut s = Scenario {
            region: region.clone(),
            ..Scenario::default()
        };
        let set = |s: &mut Scenario, field: Field, column: &str, value: &str| {
            set_field(s, field, value).map_err(|e| format!("{column}: {}", e.message))
        };
        set(
            &mut s,
            Field::Memory,
            "CurrentConfigurationMemorySize",
            get("currentconfigurationmemorysize"),
        )?;
        set(
            &mut s,
            Field::Duration,
            "UtilizationMetricsDurationAverage",
            get("utilizationmetricsdurationaverage"),
        )?;
        // 365 / 12 days a month, multiplied first so round figures stay exact.
        let monthly = invocations * 365.0 / (12.0 * days);
        set(
            &mut s,
            Field::Requests,
            "NumberOfInvocations",
            &monthly.to_string(),
        )?;
        let recommended = match c.get("recommendationoptionsconfigurationmemorysize", fields) {
            Some(t) if !t.is_empty() => {
                let mut r = Scenario::default();
                set(
                    &mut r,
                    Field::Memory,
                    "RecommendationOptionsConfigurationMemorySize",
                    t,
                )?;
                let expected = c
                    .get(
                        "recommendationoptionsprojectedutilizationmetricsdurationexpected",
                        fields,
                    )
                    .filter(|t| !t.is_empty())
                    .map(|t| {
                        set(
                            &mut r,
                            Field::Duration,
                            "RecommendationOptionsProjectedUtilizationMetricsDurationExpected",
                            t,
                        )
                        .map(|()| r.duration_ms)
                    })
                    .transpose()?;
                Some(Recommendation {
                    memory_mb: r.memory_mb,
                    duration_ms: expected,
                })
            }
            _ => None,
        };
        let floor = match c.get("utilizationmetricsmemorymaximum", fields) {
            Some(t) if !t.is_empty() => Some(
                non_negative("UtilizationMetricsMemoryMaximum", t)?
                    .ceil()
                    .clamp(128.0, 10_240.0) as u32,
            ),
            _ => None,
        };
        let aws = c
            .get("currentcosttotal", fields)
            .and_then(crate::decimal::parse)
            .filter(|v| v.is_finite());
        self.add_function(row, name, s, aws, recommended, floor)
    }

    fn add_function(
        &mut self,
        row: usize,
        name: &str,
        s: Scenario,
        aws_cost_usd: Option<f64>,
        recommended: Option<Recommendation>,
        memory_floor_mb: Option<u32>,
    ) -> Result<(), String> {
        if let Some(e) = s.validate(self.card).first() {
            return Err(e.to_string());
        }
        if let Some(i) = self.find(name, &s.region, s.arch) {
            return Err(format!(
                "{} ({} {}) is already on row {}",
                echo(name, 60),
                s.region,
                s.arch,
                self.functions[i].row
            ));
        }
        self.index.insert(self.key.clone(), self.functions.len());
        self.functions.push(Function {
            name: name.to_string(),
            region: s.region.clone(),
            arch: s.arch,
            scenario: Some(s),
            metered: None,
            aws_cost_usd,
            recommended,
            memory_floor_mb,
            row,
        });
        Ok(())
    }

    fn functions_row(&mut self, row: usize, fields: &[&str]) -> Result<(), String> {
        let c = &self.columns;
        let get = |name: &str| c.get(name, fields).unwrap_or("");
        let name = function_name(get("function"))?;
        let mut s = Scenario::default();
        let set = |s: &mut Scenario, field: Field, column: &str, value: &str| {
            set_field(s, field, value).map_err(|e| format!("{column}: {}", e.message))
        };
        let region = get("region");
        if region.is_empty() {
            return Err("region is empty".into());
        }
        s.region = self.known_region(region)?.to_string();
        set(&mut s, Field::Arch, "arch", get("arch"))?;
        set(&mut s, Field::Memory, "memory_mb", get("memorymb"))?;
        set(&mut s, Field::Requests, "requests", get("requests"))?;
        set(
            &mut s,
            Field::Duration,
            "avg_duration_ms",
            get("avgdurationms"),
        )?;
        for (i, field, column) in &c.extra {
            let value = fields.get(*i).map_or("", |v| v.trim());
            if !value.is_empty() {
                set(&mut s, *field, column, value)?;
            }
        }
        let whole_mb = |column: &str, text: &str| -> Result<u32, String> {
            let mut m = Scenario::default();
            set(&mut m, Field::Memory, column, text).map(|()| m.memory_mb)
        };
        let floor = match c.get("memoryusedmb", fields) {
            Some(t) if !t.is_empty() => Some(
                non_negative("memory_used_mb", t)?
                    .ceil()
                    .clamp(128.0, 10_240.0) as u32,
            ),
            _ => None,
        };
        let recommended = match c.get("recommendedmemorymb", fields) {
            Some(t) if !t.is_empty() => Some(Recommendation {
                memory_mb: whole_mb("recommended_memory_mb", t)?,
                duration_ms: None,
            }),
            _ => None,
        };
        let aws = match c.get("awscostusd", fields) {
            Some(t) if !t.is_empty() => Some(number("aws_cost_usd", t)?),
            _ => None,
        };
        let metered = match c.get("gbseconds", fields) {
            Some(t) if !t.is_empty() => {
                let optional = |key: &str, column: &str| match c.get(key, fields) {
                    Some(t) if !t.is_empty() => non_negative(column, t),
                    _ => Ok(0.0),
                };
                Some(Usage {
                    requests: s.requests,
                    duration_gb_s: non_negative("gb_seconds", t)?,
                    provisioned_gb_s: optional("pcgbseconds", "pc_gb_seconds")?,
                    provisioned_duration_gb_s: optional(
                        "pcdurationgbseconds",
                        "pc_duration_gb_seconds",
                    )?,
                    storage_gb_s: optional("storagegbseconds", "storage_gb_seconds")?,
                })
            }
            _ => None,
        };
        self.add_function(row, name, s, aws, recommended, floor)?;
        if let (Some(m), Some(f)) = (metered, self.functions.last_mut()) {
            f.metered = Some(m);
        }
        Ok(())
    }

    fn finish(self) -> Import {
        let mut notices = self.notices;
        if self.format == Format::Cur && self.functions.iter().any(|f| f.aws_cost_usd.is_some()) {
            notices.push(
                "AWS's cost beside each function is the unblended cost of its usage rows: \
                 before credits, Savings Plans and discounts (set aside below), after the free \
                 tier wherever AWS applied it, and with AWS's own rounding."
                    .to_string(),
            );
        }
        Import {
            format: self.format,
            functions: self.functions,
            rows: self.rows,
            bad_rows: self.bad_rows,
            bad_row_count: self.bad_row_count,
            set_aside: self
                .set_aside
                .into_iter()
                .map(|(kind, (rows, cost_usd))| SetAside {
                    kind,
                    rows,
                    cost_usd,
                })
                .collect(),
            notices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_types_split_into_region_kind_and_arch() {
        assert_eq!(
            split_usage_type("USW2-Lambda-GB-Second-ARM"),
            (Some("USW2"), "Lambda-GB-Second", Arch::Arm64)
        );
        assert_eq!(split_usage_type("Request"), (None, "Request", Arch::X86_64));
        assert_eq!(
            split_usage_type("Lambda-GB-Second"),
            (None, "Lambda-GB-Second", Arch::X86_64)
        );
        assert_eq!(
            split_usage_type("EU-Request-ARM"),
            (Some("EU"), "Request", Arch::Arm64)
        );
        assert_eq!(prefix_region("EU"), Some("eu-west-1"));
        assert_eq!(prefix_region("APS3"), Some("ap-south-1"));
    }

    #[test]
    fn qualifiers_are_dropped_from_arns() {
        assert_eq!(
            function_name("arn:aws:lambda:us-east-1:123456789012:function:api:prod").unwrap(),
            "arn:aws:lambda:us-east-1:123456789012:function:api"
        );
        assert_eq!(
            arn_region("arn:aws:lambda:eu-west-1:1:function:x"),
            Some("eu-west-1")
        );
        assert!(function_name("  ").is_err());
        assert!(function_name(&"x".repeat(300)).is_err());
    }
}
