// Whatever the input, the macros report errors and never panic; well-formed items next to
// garbage are still defined.
use switchboard::{preset, security_profile};

security_profile! {
    42 "text" => ;
    pub const GOOD = { name: "Good", preset: Agent, };
    pub const = ;
    const LOOSE = { name: "Loose", preset: Agent, permissions: [Users..View, ::, .Edit, Users.], };
    pub const TRAILING = { name: "Trailing" } extra;
}

security_profile! {}

preset! {
    pub P = { permissions: [[Users.View]], groups: [BasicAgent; Reporting] };
    @preset
}

fn main() {
    let _ = GOOD.name();
}
