//! Ways to run one workload, priced side by side: Lambda on demand, Lambda with
//! provisioned concurrency sized to the traffic, Lambda Managed Instances (LMI: the
//! function on EC2 instances Lambda manages) and, where its rates are known, Fargate as
//! the always-on baseline.
//!
//! - `instances`: the LMI-eligible instance types and Fargate rates (data file).
//! - `managed`: LMI inputs, sizing from traffic (with the rule in words) and the bill.
//! - `compare`: the comparison, its crossovers and the series of a cost-vs-traffic chart.
//!
//! Lambda options are priced by `pricing`; LMI and Fargate bills are lines of their own
//! (instance-hours, vCPU-hours), cent-rounded per line like every bill here.

mod compare;
mod instances;
mod managed;

pub use compare::{
    compare, steady, Comparison, ComputeInputs, ComputeOption, Crossover, OptionCost, OptionDetail,
    ScanRange, Series,
};
pub use instances::{FargateRates, InstanceRow, InstanceTable, InstanceType, LmiTerms};
pub use managed::{
    fargate_bill, lmi_bill, size_lmi, ConcSource, LmiCapacity, LmiSetup, LmiSizing,
    ManagedInstances, PriceSource, Runtime,
};

use crate::money;
use std::fmt;

/// What the scenario's bill is (link key `compute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compute {
    /// Lambda's own bill: on demand, with any provisioned concurrency set.
    #[default]
    Lambda,
    /// The Lambda Managed Instances bill: requests, EC2 instances, management fee.
    ManagedInstances,
}

impl Compute {
    pub fn key(self) -> &'static str {
        match self {
            Compute::Lambda => "lambda",
            Compute::ManagedInstances => "lmi",
        }
    }
}

impl std::str::FromStr for Compute {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "lambda" => Ok(Compute::Lambda),
            "lmi" => Ok(Compute::ManagedInstances),
            _ => Err(format!(
                "\"{}\" is not a way to run it (lambda or lmi)",
                crate::input::echo(text, 24)
            )),
        }
    }
}

/// Requests per vCPU assumed for Rust, for which AWS publishes no default: Node.js's 64,
/// as both serve requests on an async event loop. The CPU-bound share (`cpu`) lowers
/// what a vCPU really serves; the page and the sizing rule say it is an assumption.
pub const RUST_ASSUMED_CONC_PER_VCPU: f64 = 64.0;

/// The LMI inputs a `ComputeError` names, by link key: `compute` sits below `scenario`,
/// whose field table declares them (a test there checks every key named here is in it).
pub mod lmi_field {
    use crate::input::Field;
    pub const TYPE: Field = Field::new("lmi_type");
    pub const HOURLY: Field = Field::new("lmi_hourly");
    pub const DISCOUNT: Field = Field::new("lmi_discount");
    pub const HOURS: Field = Field::new("lmi_hours");
    pub const CONC: Field = Field::new("lmi_conc");
    pub const MIN: Field = Field::new("lmi_min");
}

/// Why an LMI input cannot be used, in words a user understands.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeError {
    pub field: crate::input::Field,
    pub message: String,
}

impl ComputeError {
    pub fn new(field: crate::input::Field, message: impl Into<String>) -> Self {
        ComputeError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for ComputeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.key(), self.message)
    }
}

impl std::error::Error for ComputeError {}

/// What a line of an instance bill charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComputeItem {
    /// LMI requests.
    Requests,
    /// EC2 instance-hours, after any Savings Plan or Reserved Instance discount.
    Ec2Instances,
    /// LMI's management fee, a share of the on-demand EC2 price (never discounted).
    ManagementFee,
    FargateVcpu,
    FargateMemory,
}

impl ComputeItem {
    pub fn label(self) -> &'static str {
        match self {
            ComputeItem::Requests => "Requests",
            ComputeItem::Ec2Instances => "EC2 instances",
            ComputeItem::ManagementFee => "Management fee",
            ComputeItem::FargateVcpu => "Fargate vCPU",
            ComputeItem::FargateMemory => "Fargate memory",
        }
    }

    /// Stable machine name, for JSON output.
    pub fn key(self) -> &'static str {
        match self {
            ComputeItem::Requests => "requests",
            ComputeItem::Ec2Instances => "ec2_instances",
            ComputeItem::ManagementFee => "management_fee",
            ComputeItem::FargateVcpu => "fargate_vcpu",
            ComputeItem::FargateMemory => "fargate_memory",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComputeUnit {
    Requests,
    InstanceHours,
    VcpuHours,
    GbHours,
}

impl ComputeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            ComputeUnit::Requests => "requests",
            ComputeUnit::InstanceHours => "instance-hours",
            ComputeUnit::VcpuHours => "vCPU-hours",
            ComputeUnit::GbHours => "GB-hours",
        }
    }
}

/// One line of an LMI or Fargate bill.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeLine {
    pub item: ComputeItem,
    pub quantity: f64,
    pub unit: ComputeUnit,
    /// USD per unit (per request for requests).
    pub rate: f64,
    /// Exact cost in USD; the bill shows it rounded to cents.
    pub exact_usd: f64,
}

impl ComputeLine {
    pub fn cents(&self) -> i64 {
        money::to_cents(self.exact_usd)
    }

    /// "100,000,000 requests", "2,000 instance-hours".
    pub fn quantity_text(&self) -> String {
        let digits = if self.unit == ComputeUnit::Requests {
            0
        } else {
            3
        };
        format!(
            "{} {}",
            money::format_quantity(self.quantity, digits),
            self.unit.as_str()
        )
    }

    /// "$0.20 per 1M requests", "$0.045696 per instance-hour".
    pub fn rate_text(&self) -> String {
        match self.unit {
            ComputeUnit::Requests => {
                format!("{} per 1M requests", money::format_rate(self.rate * 1e6))
            }
            ComputeUnit::InstanceHours => {
                format!("{} per instance-hour", money::format_rate(self.rate))
            }
            ComputeUnit::VcpuHours => format!("{} per vCPU-hour", money::format_rate(self.rate)),
            ComputeUnit::GbHours => format!("{} per GB-hour", money::format_rate(self.rate)),
        }
    }
}

/// A monthly LMI or Fargate bill.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComputeBill {
    pub lines: Vec<ComputeLine>,
}

impl ComputeBill {
    /// The sum of the cent-rounded lines, as AWS shows a bill.
    pub fn total_cents(&self) -> i64 {
        self.lines
            .iter()
            .fold(0i64, |sum, l| sum.saturating_add(l.cents()))
    }

    pub fn exact_usd(&self) -> f64 {
        self.lines.iter().map(|l| l.exact_usd).sum()
    }

    pub fn line(&self, item: ComputeItem) -> Option<&ComputeLine> {
        self.lines.iter().find(|l| l.item == item)
    }
}
