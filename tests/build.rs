//! Compiles this crate as rust-analyzer sees it: `security_profile!` and `preset!` emit their
//! editor references (paths to the documented permission, preset and group items, spanned at
//! the user's tokens) only under `cfg(rust_analyzer)`, which rustc never sets. Setting it here
//! makes every invocation in these tests prove that those paths resolve and type-check.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(rust_analyzer)");
    println!("cargo::rustc-cfg=rust_analyzer");
}
