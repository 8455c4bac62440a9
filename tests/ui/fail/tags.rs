// TooManyTags, TagKey, TagValueLength, DuplicateTagKey on resource tags.
use switchboard::security_profile;

security_profile! {
    pub const TOO_MANY = {
        name: "TooManyTags",
        preset: Agent,
        tags: { "K0": "v", "K1": "v", "K2": "v", "K3": "v", "K4": "v", "K5": "v", "K6": "v", "K7": "v", "K8": "v", "K9": "v", "K10": "v", "K11": "v", "K12": "v", "K13": "v", "K14": "v", "K15": "v", "K16": "v", "K17": "v", "K18": "v", "K19": "v", "K20": "v", "K21": "v", "K22": "v", "K23": "v", "K24": "v", "K25": "v", "K26": "v", "K27": "v", "K28": "v", "K29": "v", "K30": "v", "K31": "v", "K32": "v", "K33": "v", "K34": "v", "K35": "v", "K36": "v", "K37": "v", "K38": "v", "K39": "v", "K40": "v", "K41": "v", "K42": "v", "K43": "v", "K44": "v", "K45": "v", "K46": "v", "K47": "v", "K48": "v", "K49": "v", "K50": "v" },
    };

    pub const BAD_TAGS = {
        name: "BadTags",
        preset: Agent,
        tags: {
            "aws:createdBy": "me",
            "AWS:Team": "blue",
            "Cost Center": "42",
            "Team#": "blue",
            "": "empty key",
            "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "long key",
            "Long": "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv",
            "Role": "Agent",
            "Role": "Lead",
            "Path/To:Key=+-._": "every allowed character",
            "Empty": "",
        },
    };
}

fn main() {}
