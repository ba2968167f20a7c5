// The embed view for links with Power Tuning runs: src/bin/embed.rs, built as `embed-runs`.
include!("embed.rs");
