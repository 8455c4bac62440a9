// UnknownCategory and UnknownCategoryMember: seed-style names `Category::Member`.
use switchboard::security_profile;

security_profile! {
    pub const SEED = {
        name: "Seed",
        permissions: [
            UserAndPermissions::EditUsers,      // category typo -> UsersAndPermissions
            Telephony::MakeCalls,               // no such category, nothing close
            UsersAndPermissions::EditUser,      // member typo -> EditUsers
            Routing::Frobnicate,                // no such member, nothing close
            Routing::all,                       // `All` is spelled with a capital
        ],
    };
}

fn main() {}
