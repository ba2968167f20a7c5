// The embed view for `chart=compute`: src/bin/embed.rs, built as `embed-compute`.
include!("embed.rs");
