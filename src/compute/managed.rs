//! Lambda Managed Instances: the inputs, how many instances a traffic shape needs, and
//! the monthly bill (requests + EC2 instance-hours after discount + a management fee of
//! 15 % of the on-demand EC2 price). There is no duration charge: duration only matters
//! through the number of instances it takes.

use super::instances::{FargateRates, InstanceTable, InstanceType};
use super::{lmi_field, ComputeBill, ComputeError, ComputeItem, ComputeLine, ComputeUnit};
use crate::model::{concurrency_needed, TrafficShape};
use crate::money::format_quantity;

/// Days in AWS's 730-hour month.
const DAYS_PER_MONTH: f64 = 730.0 / 24.0;
/// Most instances sizing reports; beyond this the request is far past LMI's quotas.
const MAX_INSTANCES: f64 = 1e7;

/// The function's runtime, for AWS's default of concurrent requests per vCPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    NodeJs,
    Java,
    DotNet,
    Python,
    /// Rust on `provided.al2023`: AWS publishes no default.
    Rust,
}

impl Runtime {
    pub const ALL: [Runtime; 5] = [
        Runtime::NodeJs,
        Runtime::Java,
        Runtime::DotNet,
        Runtime::Python,
        Runtime::Rust,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Runtime::NodeJs => "Node.js",
            Runtime::Java => "Java",
            Runtime::DotNet => ".NET",
            Runtime::Python => "Python",
            Runtime::Rust => "Rust",
        }
    }

    /// The link's name for it (`lmi_runtime`).
    pub fn key(self) -> &'static str {
        match self {
            Runtime::NodeJs => "node",
            Runtime::Java => "java",
            Runtime::DotNet => "dotnet",
            Runtime::Python => "python",
            Runtime::Rust => "rust",
        }
    }

    /// AWS's default maximum of concurrent requests per vCPU, if it has one.
    pub fn default_conc_per_vcpu(self) -> Option<f64> {
        match self {
            Runtime::NodeJs => Some(64.0),
            Runtime::Java | Runtime::DotNet => Some(32.0),
            Runtime::Python => Some(16.0),
            Runtime::Rust => None,
        }
    }
}

impl std::str::FromStr for Runtime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let t = text.trim().to_ascii_lowercase();
        Runtime::ALL
            .into_iter()
            .find(|r| r.key() == t)
            .ok_or_else(|| {
                format!(
                    "unknown runtime \"{}\" (node, java, dotnet, python or rust)",
                    crate::input::echo(text, 24)
                )
            })
    }
}

/// The LMI inputs as a user sets them (one field per future link key).
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedInstances {
    /// `lmi_type`, e.g. `m7g.xlarge`.
    pub instance_type: String,
    /// `lmi_hourly`: on-demand USD per hour, in place of the table's.
    pub hourly_override: Option<f64>,
    /// `lmi_discount`: % off the EC2 part (Savings Plans, Reserved Instances).
    pub discount_pct: f64,
    /// `lmi_conc`: concurrent requests per vCPU; `None` takes the runtime's default.
    pub conc_per_vcpu: Option<f64>,
    pub runtime: Option<Runtime>,
    /// `lmi_min`: instances kept running whatever the traffic (AWS: 3, for AZ resilience).
    pub min_instances: u32,
    /// `lmi_hours`: instance-hours per month; `None` sizes them from the traffic.
    pub instance_hours: Option<f64>,
}

impl Default for ManagedInstances {
    fn default() -> Self {
        ManagedInstances {
            instance_type: "m7g.xlarge".into(),
            hourly_override: None,
            discount_pct: 0.0,
            conc_per_vcpu: None,
            runtime: None,
            min_instances: 3,
            instance_hours: None,
        }
    }
}

/// Where the hourly price came from.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceSource {
    /// The instance table, for this region, as of this date.
    Table { region: String, as_of: String },
    /// Entered by the user (`lmi_hourly`).
    User,
}

/// Where the concurrency per vCPU came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConcSource {
    User,
    RuntimeDefault(Runtime),
}

/// What sizing needs: the instance type and how many requests a vCPU takes at once.
#[derive(Debug, Clone, PartialEq)]
pub struct LmiCapacity {
    pub instance: InstanceType,
    pub conc_per_vcpu: f64,
    pub conc_source: ConcSource,
    pub min_instances: u32,
}

/// The inputs checked and resolved against the instance table, price included.
#[derive(Debug, Clone, PartialEq)]
pub struct LmiSetup {
    pub capacity: LmiCapacity,
    /// On-demand USD per hour.
    pub hourly: f64,
    pub hourly_source: PriceSource,
    /// 0..=1, applies to the EC2 part only.
    pub discount: f64,
    pub instance_hours: Option<f64>,
    pub requests_per_million: f64,
    /// 0..=1 of the on-demand EC2 price.
    pub management_fee: f64,
}

impl ManagedInstances {
    /// Checks what sizing needs (`lmi_type`, `lmi_conc`, `lmi_min`); all problems at once.
    pub fn capacity(&self, table: &InstanceTable) -> Result<LmiCapacity, Vec<ComputeError>> {
        let mut errors = Vec::new();
        let instance = table
            .instance_type(&self.instance_type)
            .map_err(|e| errors.push(e))
            .ok();
        let conc = match (self.conc_per_vcpu, self.runtime) {
            (Some(c), _) if c.is_finite() && c.fract() == 0.0 && (1.0..=1000.0).contains(&c) => {
                Some((c, ConcSource::User))
            }
            (Some(_), _) => {
                errors.push(ComputeError::new(
                    lmi_field::CONC,
                    "must be a whole number of concurrent requests per vCPU, 1 to 1,000",
                ));
                None
            }
            (None, Some(rt)) => match rt.default_conc_per_vcpu() {
                Some(c) => Some((c, ConcSource::RuntimeDefault(rt))),
                None => {
                    errors.push(ComputeError::new(
                        lmi_field::CONC,
                        format!(
                            "AWS publishes no default for {}: enter how many requests one vCPU serves at once",
                            rt.label()
                        ),
                    ));
                    None
                }
            },
            (None, None) => {
                errors.push(ComputeError::new(
                    lmi_field::CONC,
                    "enter concurrent requests per vCPU (AWS's defaults: Node.js 64, Java 32, .NET 32, Python 16)",
                ));
                None
            }
        };
        if self.min_instances > 10_000 {
            errors.push(ComputeError::new(
                lmi_field::MIN,
                "must be a whole number of instances, 0 to 10,000",
            ));
        }
        match (instance, conc) {
            (Some(instance), Some((conc_per_vcpu, conc_source))) if errors.is_empty() => {
                Ok(LmiCapacity {
                    instance,
                    conc_per_vcpu,
                    conc_source,
                    min_instances: self.min_instances,
                })
            }
            _ => Err(errors),
        }
    }

    /// Checks every input against `table` for `region`; all problems at once. An
    /// instance type without a price in the table for `region` needs `lmi_hourly`.
    pub fn resolve(
        &self,
        table: &InstanceTable,
        region: &str,
    ) -> Result<LmiSetup, Vec<ComputeError>> {
        let capacity = self.capacity(table);
        let mut errors = capacity.as_ref().err().cloned().unwrap_or_default();
        let name = table
            .instance_type(&self.instance_type)
            .ok()
            .map(|t| t.name);
        let hourly = match self.hourly_override {
            Some(h) if h.is_finite() && h > 0.0 && h <= 1000.0 => Some((h, PriceSource::User)),
            Some(h) => {
                errors.push(ComputeError::new(
                    lmi_field::HOURLY,
                    format!("{h} is not an hourly price (expected more than $0 and at most $1,000 per hour)"),
                ));
                None
            }
            None => match name {
                Some(name) => match table.hourly(&name, region) {
                    Some(h) => Some((
                        h,
                        PriceSource::Table {
                            region: region.to_string(),
                            as_of: table.as_of.clone(),
                        },
                    )),
                    None => {
                        errors.push(ComputeError::new(
                            lmi_field::HOURLY,
                            format!(
                                "the on-demand price of {name} in {} is unknown here: enter it in USD per hour",
                                crate::input::echo(region, 24)
                            ),
                        ));
                        None
                    }
                },
                None => None,
            },
        };
        if !(self.discount_pct.is_finite() && (0.0..100.0).contains(&self.discount_pct)) {
            errors.push(ComputeError::new(
                lmi_field::DISCOUNT,
                "must be a percentage from 0 up to (not including) 100",
            ));
        }
        if let Some(h) = self.instance_hours {
            if !(h.is_finite() && (0.0..=1e8).contains(&h)) {
                errors.push(ComputeError::new(
                    lmi_field::HOURS,
                    "must be instance-hours per month, 0 to 100,000,000",
                ));
            }
        }
        match (capacity, hourly) {
            (Ok(capacity), Some((hourly, hourly_source))) if errors.is_empty() => Ok(LmiSetup {
                capacity,
                hourly,
                hourly_source,
                discount: self.discount_pct / 100.0,
                instance_hours: self.instance_hours,
                requests_per_million: table.lmi.requests_per_million,
                management_fee: table.lmi.management_fee_pct / 100.0,
            }),
            _ => Err(errors),
        }
    }
}

/// Instances a traffic shape needs, and the rule that gave them.
#[derive(Debug, Clone, PartialEq)]
pub struct LmiSizing {
    /// Hours a day at the peak (24: steady traffic).
    pub peak_hours: f64,
    pub peak_concurrency: f64,
    pub off_peak_concurrency: f64,
    /// Share of the concurrency setting a vCPU can really serve, 0..=1.
    pub usable_share: f64,
    /// Requests one instance serves at once: vCPUs x concurrency per vCPU x usable share.
    pub per_instance: f64,
    pub peak_instances: u32,
    pub off_peak_instances: u32,
    /// Instance-hours per month from the shape.
    pub instance_hours: f64,
    /// The rule with this workload's numbers, for display next to the result.
    pub rule: String,
}

impl LmiSizing {
    /// The same instances all day (steady traffic, or a peak its off-peak matches).
    pub fn is_flat(&self) -> bool {
        self.peak_hours >= 24.0 || self.peak_instances == self.off_peak_instances
    }
}

/// The CPU-bound share limits concurrency: a request in flight keeps a vCPU busy for its
/// CPU-bound share `c` of its duration, so a vCPU saturates at 1 / c requests at once,
/// whatever the concurrency setting. Usable share = min(1, 1 / (c x concurrency per vCPU)).
fn usable_share(cpu_bound_pct: f64, conc_per_vcpu: f64) -> f64 {
    let c = if cpu_bound_pct.is_finite() {
        cpu_bound_pct.clamp(0.0, 100.0) / 100.0
    } else {
        0.0
    };
    if c <= 0.0 || conc_per_vcpu <= 0.0 {
        1.0
    } else {
        (1.0 / (c * conc_per_vcpu)).min(1.0)
    }
}

/// Whole instances for `concurrency`, at least `min`. A relative tolerance keeps float
/// noise (250 / 12.5 = 20.000000000000004) from adding an instance.
fn instances_for(concurrency: f64, per_instance: f64, min: u32) -> u32 {
    let raw = if per_instance > 0.0 && concurrency.is_finite() {
        (concurrency / per_instance * (1.0 - 1e-12)).ceil()
    } else {
        0.0
    };
    raw.clamp(0.0, MAX_INSTANCES).max(min as f64) as u32
}

/// Sizes LMI for a daily traffic shape (steady traffic is a 24-hour peak): instances at
/// the peak and off it = max(minimum, ceil(concurrency / per-instance capacity)), with
/// concurrency from Little's law and per-instance capacity = vCPUs x concurrency per
/// vCPU x usable share (see `usable_share`). Duration enters only here.
pub fn size_lmi(
    capacity: &LmiCapacity,
    shape: &TrafficShape,
    duration_ms: f64,
    cpu_bound_pct: f64,
) -> LmiSizing {
    let mut z = lmi_instances(capacity, shape, duration_ms, cpu_bound_pct);
    z.rule = sizing_rule(capacity, &z, duration_ms, cpu_bound_pct);
    z
}

/// `size_lmi` without the rule in words, for scans that price thousands of points.
pub(super) fn lmi_instances(
    setup: &LmiCapacity,
    shape: &TrafficShape,
    duration_ms: f64,
    cpu_bound_pct: f64,
) -> LmiSizing {
    let peak_hours = shape.hours_at_peak();
    let rps = |r: f64| if r.is_finite() { r.max(0.0) } else { 0.0 };
    let peak_concurrency = concurrency_needed(rps(shape.peak_rps), duration_ms);
    let off_peak_concurrency = concurrency_needed(rps(shape.off_peak_rps), duration_ms);
    let usable = usable_share(cpu_bound_pct, setup.conc_per_vcpu);
    let per_instance = setup.instance.vcpus as f64 * setup.conc_per_vcpu * usable;
    let peak_instances = instances_for(peak_concurrency, per_instance, setup.min_instances);
    let off_peak_instances = instances_for(off_peak_concurrency, per_instance, setup.min_instances);
    let instance_hours = peak_instances as f64 * peak_hours * DAYS_PER_MONTH
        + off_peak_instances as f64 * (24.0 - peak_hours) * DAYS_PER_MONTH;
    LmiSizing {
        peak_hours,
        peak_concurrency,
        off_peak_concurrency,
        usable_share: usable,
        per_instance,
        peak_instances,
        off_peak_instances,
        instance_hours,
        rule: String::new(),
    }
}

/// The sizing in words: the traffic's concurrency, what one instance serves, and the
/// instances and instance-hours that follow (one sentence each, steady or shaped).
fn sizing_rule(setup: &LmiCapacity, z: &LmiSizing, duration_ms: f64, cpu_bound_pct: f64) -> String {
    let q = format_quantity;
    let conc_from = match setup.conc_source {
        ConcSource::User => "your figure".to_string(),
        ConcSource::RuntimeDefault(rt) => format!("AWS's {} default", rt.label()),
    };
    let cpu_note = if z.usable_share < 1.0 {
        format!(
            ", but at {} % CPU-bound a vCPU saturates at {} requests at once (usable share {} %)",
            q(cpu_bound_pct, 1),
            q(setup.conc_per_vcpu * z.usable_share, 2),
            q(z.usable_share * 100.0, 1)
        )
    } else {
        String::new()
    };
    let min = setup.min_instances;
    let (traffic, instances) = if z.peak_hours >= 24.0 {
        (
            format!(
                "Steady traffic: {} concurrent requests",
                q(z.peak_concurrency, 2)
            ),
            format!(
                "{} instances (at least {min}) x 730 h = {} instance-hours",
                z.peak_instances,
                q(z.instance_hours, 2)
            ),
        )
    } else {
        (
            format!(
                "Peak {} h a day: {} concurrent requests; off-peak: {}",
                q(z.peak_hours, 2),
                q(z.peak_concurrency, 2),
                q(z.off_peak_concurrency, 2)
            ),
            format!(
                "{} instances at the peak and {} off it (at least {min} each) = {} instance-hours a month",
                z.peak_instances,
                z.off_peak_instances,
                q(z.instance_hours, 2)
            ),
        )
    };
    format!(
        "{traffic} (Little's law: req/s x {} ms). {} has {} vCPUs; {} requests per vCPU at \
         once ({conc_from}){cpu_note}: {} per instance. Instances = ceil(concurrency / {}): \
         {instances}. Assumes the measured duration holds on the instance and no headroom \
         beyond the minimum.",
        q(duration_ms, 1),
        setup.instance.name,
        setup.instance.vcpus,
        q(setup.conc_per_vcpu, 2),
        q(z.per_instance, 2),
        q(z.per_instance, 2),
    )
}

impl LmiSetup {
    /// The instance-hours billed: `lmi_hours` when entered, else the sizing's; with how
    /// they were found, in words (`describe`: scans skip the words).
    pub fn billed_hours(&self, sizing: &LmiSizing, describe: bool) -> (f64, String) {
        match self.instance_hours {
            Some(h) => (
                h,
                if describe {
                    format!(
                        "{} instance-hours entered (lmi_hours); sized from the traffic it would be {}.",
                        format_quantity(h, 2),
                        format_quantity(sizing.instance_hours, 2)
                    )
                } else {
                    String::new()
                },
            ),
            None => (sizing.instance_hours, sizing.rule.clone()),
        }
    }
}

/// The monthly LMI bill: requests, EC2 instance-hours at the discounted price, and the
/// management fee on the on-demand price (a discount never reduces it).
pub fn lmi_bill(setup: &LmiSetup, requests: f64, instance_hours: f64) -> ComputeBill {
    let requests = if requests.is_finite() {
        requests.max(0.0)
    } else {
        0.0
    };
    let hours = if instance_hours.is_finite() {
        instance_hours.max(0.0)
    } else {
        0.0
    };
    let request_rate = setup.requests_per_million / 1e6;
    let ec2_rate = setup.hourly * (1.0 - setup.discount.clamp(0.0, 1.0));
    let fee_rate = setup.hourly * setup.management_fee;
    ComputeBill {
        lines: vec![
            ComputeLine {
                item: ComputeItem::Requests,
                quantity: requests,
                unit: ComputeUnit::Requests,
                rate: request_rate,
                exact_usd: requests * request_rate,
            },
            ComputeLine {
                item: ComputeItem::Ec2Instances,
                quantity: hours,
                unit: ComputeUnit::InstanceHours,
                rate: ec2_rate,
                exact_usd: hours * ec2_rate,
            },
            ComputeLine {
                item: ComputeItem::ManagementFee,
                quantity: hours,
                unit: ComputeUnit::InstanceHours,
                rate: fee_rate,
                exact_usd: hours * fee_rate,
            },
        ],
    }
}

/// An always-on Fargate service of `vcpus` and `gb` for `hours`: vCPU-hours and
/// GB-hours, no request fee (a load balancer in front is not included).
pub fn fargate_bill(rates: &FargateRates, vcpus: f64, gb: f64, hours: f64) -> ComputeBill {
    let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let hours = clean(hours);
    let vcpu_hours = clean(vcpus) * hours;
    let gb_hours = clean(gb) * hours;
    ComputeBill {
        lines: vec![
            ComputeLine {
                item: ComputeItem::FargateVcpu,
                quantity: vcpu_hours,
                unit: ComputeUnit::VcpuHours,
                rate: rates.vcpu_hour,
                exact_usd: vcpu_hours * rates.vcpu_hour,
            },
            ComputeLine {
                item: ComputeItem::FargateMemory,
                quantity: gb_hours,
                unit: ComputeUnit::GbHours,
                rate: rates.gb_hour,
                exact_usd: gb_hours * rates.gb_hour,
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(mi: &ManagedInstances) -> LmiSetup {
        mi.resolve(InstanceTable::embedded(), "us-east-1").unwrap()
    }

    #[test]
    fn cpu_bound_share_limits_concurrency() {
        assert_eq!(usable_share(0.0, 64.0), 1.0);
        // 1 / (0.5 x 64): a vCPU serves 2 half-CPU-bound requests at once.
        assert_eq!(usable_share(50.0, 64.0), 1.0 / 32.0);
        assert_eq!(usable_share(5.0, 16.0), 1.0);
        assert_eq!(usable_share(f64::NAN, 16.0), 1.0);
    }

    #[test]
    fn steady_sizing_with_the_rule_in_words() {
        let s = setup(&ManagedInstances {
            runtime: Some(Runtime::NodeJs),
            ..ManagedInstances::default()
        });
        // 2,000 req/s x 200 ms = 400 at once; m7g.xlarge: 4 x 64 = 256 per instance.
        let z = size_lmi(&s.capacity, &crate::compute::steady(2000.0), 200.0, 0.0);
        assert_eq!(z.peak_concurrency, 400.0);
        assert_eq!(z.per_instance, 256.0);
        assert_eq!(z.peak_instances, 3, "the minimum of 3 holds");
        assert_eq!(z.instance_hours, 3.0 * 730.0);
        // 50 % CPU-bound: 2 per vCPU, 8 per instance, 50 instances.
        let z = size_lmi(&s.capacity, &crate::compute::steady(2000.0), 200.0, 50.0);
        assert_eq!(z.per_instance, 8.0);
        assert_eq!(z.peak_instances, 50);
        assert!(z.rule.contains("ceil(concurrency / 8)"), "{}", z.rule);
        assert!(z.rule.contains("AWS's Node.js default"), "{}", z.rule);
        assert!(z.rule.contains("usable share 3.1 %"), "{}", z.rule);
        assert!(z.rule.contains("50 instances"), "{}", z.rule);
    }

    #[test]
    fn peak_and_off_peak_days() {
        let s = setup(&ManagedInstances {
            conc_per_vcpu: Some(10.0),
            min_instances: 1,
            ..ManagedInstances::default()
        });
        let shape = TrafficShape {
            peak_rps: 1000.0,
            peak_hours: 8.0,
            off_peak_rps: 100.0,
        };
        // 40 per instance; peak 1000 x 0.1 = 100 -> 3; off-peak 10 -> 1.
        let z = size_lmi(&s.capacity, &shape, 100.0, 0.0);
        assert_eq!((z.peak_instances, z.off_peak_instances), (3, 1));
        let hours = 3.0 * 8.0 * 730.0 / 24.0 + 16.0 * 730.0 / 24.0;
        assert!((z.instance_hours - hours).abs() < 1e-9);
        assert!(z.rule.contains("your figure"), "{}", z.rule);
    }

    #[test]
    fn inputs_are_checked_with_their_link_keys() {
        let t = InstanceTable::embedded();
        let bad = ManagedInstances {
            instance_type: "t3.large".into(),
            discount_pct: 100.0,
            conc_per_vcpu: Some(0.5),
            min_instances: 20_000,
            instance_hours: Some(f64::NAN),
            ..ManagedInstances::default()
        };
        let e = bad.resolve(t, "us-east-1").unwrap_err();
        let keys: Vec<&str> = e.iter().map(|e| e.field.key()).collect();
        assert_eq!(
            keys,
            [
                "lmi_type",
                "lmi_conc",
                "lmi_min",
                "lmi_discount",
                "lmi_hours"
            ]
        );
        let e = ManagedInstances {
            hourly_override: Some(-1.0),
            runtime: Some(Runtime::Rust),
            ..ManagedInstances::default()
        }
        .resolve(t, "us-east-1")
        .unwrap_err();
        assert_eq!(e[1].field, lmi_field::HOURLY);
        assert!(e[0]
            .to_string()
            .starts_with("lmi_conc: AWS publishes no default for Rust"));
        // Unknown price elsewhere: said, not guessed; an entered price is used.
        let mi = ManagedInstances {
            runtime: Some(Runtime::Python),
            ..ManagedInstances::default()
        };
        let e = mi.resolve(t, "eu-west-1").unwrap_err();
        assert!(
            e[0].to_string().starts_with(
                "lmi_hourly: the on-demand price of m7g.xlarge in eu-west-1 is unknown"
            ),
            "{}",
            e[0]
        );
        let s = ManagedInstances {
            hourly_override: Some(0.18),
            ..mi
        }
        .resolve(t, "eu-west-1")
        .unwrap();
        assert_eq!((s.hourly, s.hourly_source), (0.18, PriceSource::User));
        assert_eq!(s.capacity.conc_per_vcpu, 16.0);
    }

    #[test]
    fn runtime_defaults() {
        let d: Vec<_> = Runtime::ALL
            .iter()
            .map(|r| r.default_conc_per_vcpu())
            .collect();
        assert_eq!(d, [Some(64.0), Some(32.0), Some(32.0), Some(16.0), None]);
    }
}
