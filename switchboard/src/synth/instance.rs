//! [`Instance`]: the Amazon Connect instance a stack's profiles belong to.

use crate::Error;

/// The Amazon Connect instance that a stack's security profiles belong to.
///
/// Three kinds, for three ways of working:
///
/// - [`Instance::create`]: the stack creates the instance (`AWS::Connect::Instance`, with
///   Connect-managed users and inbound and outbound calls); the profiles take its ARN with
///   `Fn::GetAtt`. The instance is kept (`DeletionPolicy: Retain`) when the stack is deleted or
///   the instance replaced, because it holds users, phone numbers and contact records.
/// - [`Instance::existing`]: the instance exists; its ARN is written into the template.
/// - [`Instance::parameter`]: the ARN is the template parameter `InstanceArn`, so one template
///   serves many instances (`cdk deploy --parameters InstanceArn=arn:...`).
///
/// Every instance holds at most [`Instance::DEFAULT_PROFILE_QUOTA`] security profiles unless its quota was
/// raised; [`Instance::with_profile_quota`] says so.
///
/// ```
/// use switchboard::Instance;
///
/// let shared = Instance::existing(
///     "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
/// )?
/// .with_profile_quota(250);
/// assert_eq!(shared.profile_quota(), 250);
///
/// assert!(Instance::existing("arn:aws:iam::123456789012:role/Admin").is_err());
/// assert!(Instance::create("d-not-allowed").validate().is_err());
/// # Ok::<(), switchboard::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    kind: InstanceKind,
    quota: usize,
}

/// What kind of [`Instance`] a stack targets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InstanceKind {
    /// The stack creates the instance with this alias.
    Create {
        /// `InstanceAlias`.
        alias: String,
    },
    /// The instance exists and has this ARN.
    Existing {
        /// The instance's ARN.
        arn: String,
    },
    /// The ARN is the template parameter `InstanceArn`.
    Parameter,
}

impl Instance {
    /// Security profiles per Connect instance unless the quota was raised (Service Quotas
    /// L-F325A715, adjustable).
    pub const DEFAULT_PROFILE_QUOTA: usize = 100;

    /// The longest instance alias AWS accepts.
    pub const MAX_ALIAS_LEN: usize = 45;

    /// An instance the stack creates, with the given alias (AWS: 1 to 45 letters, digits and
    /// hyphens, starting and ending with a letter or digit, not starting with `d-`; unique
    /// across AWS). The alias is checked by [`Instance::validate`], which the stack calls before
    /// it uses the instance.
    pub fn create(alias: impl Into<String>) -> Instance {
        Instance {
            kind: InstanceKind::Create {
                alias: alias.into(),
            },
            quota: Instance::DEFAULT_PROFILE_QUOTA,
        }
    }

    /// An instance that already exists, by ARN. Fails with [`Error::InvalidInstanceArn`] unless
    /// the ARN matches AWS's pattern
    /// `^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$`.
    pub fn existing(arn: impl Into<String>) -> Result<Instance, Error> {
        let arn = arn.into();
        if !is_instance_arn(&arn) {
            return Err(Error::InvalidInstanceArn { arn });
        }
        Ok(Instance {
            kind: InstanceKind::Existing { arn },
            quota: Instance::DEFAULT_PROFILE_QUOTA,
        })
    }

    /// An instance whose ARN is given at deploy time, as the template parameter `InstanceArn`
    /// (constrained to AWS's pattern).
    pub fn parameter() -> Instance {
        Instance {
            kind: InstanceKind::Parameter,
            quota: Instance::DEFAULT_PROFILE_QUOTA,
        }
    }

    /// Raises (or lowers) the number of security profiles this instance may hold, when its
    /// service quota was changed.
    pub fn with_profile_quota(mut self, quota: usize) -> Instance {
        self.quota = quota;
        self
    }

    /// How many security profiles the instance may hold.
    pub fn profile_quota(&self) -> usize {
        self.quota
    }

    /// The kind of instance.
    pub fn kind(&self) -> &InstanceKind {
        &self.kind
    }

    /// Checks what [`Instance::create`] could not: the alias.
    pub fn validate(&self) -> Result<(), Error> {
        match &self.kind {
            InstanceKind::Create { alias } => {
                check_alias(alias).map_err(|reason| Error::InvalidInstanceAlias {
                    alias: alias.clone(),
                    reason,
                })
            }
            InstanceKind::Existing { arn } if !is_instance_arn(arn) => {
                Err(Error::InvalidInstanceArn { arn: arn.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The instance described for people, for error messages: `the instance "x" created by
    /// stack S`, `instance arn:...`, `the instance given as parameter InstanceArn of stack S`.
    pub(crate) fn describe(&self, stack: &str) -> String {
        match &self.kind {
            InstanceKind::Create { alias } => {
                format!("the instance {alias:?} created by stack {stack:?}")
            }
            InstanceKind::Existing { arn } => format!("instance {arn}"),
            InstanceKind::Parameter => {
                format!("the instance given as parameter InstanceArn of stack {stack:?}")
            }
        }
    }
}

/// `^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$`, by hand: the
/// pattern has no alternation or repetition of groups, so six string checks state it exactly
/// and no regex engine is needed.
pub fn is_instance_arn(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:aws") else {
        return false;
    };
    let mut parts = rest.splitn(5, ':');
    let (Some(partition_tail), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let lower = |s: &str| {
        s.chars()
            .all(|c| c == '-' || c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    let Some(id) = resource.strip_prefix("instance/") else {
        return false;
    };
    lower(partition_tail)
        && service == "connect"
        && lower(region)
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && id.chars().all(|c| c == '-' || c.is_ascii_alphanumeric())
}

/// AWS's `InstanceAlias`: length 1..45 and `^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$`, that is
/// letters, digits and hyphens, starting and ending with a letter or digit, not starting with
/// `d-` (the prefix of directory ids).
fn check_alias(alias: &str) -> Result<(), &'static str> {
    if alias.is_empty() || alias.chars().count() > Instance::MAX_ALIAS_LEN {
        return Err("it must be 1 to 45 characters long");
    }
    if !alias.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()) {
        return Err("only letters, digits and hyphens are allowed");
    }
    if alias.starts_with('-') || alias.ends_with('-') {
        return Err("it must start and end with a letter or a digit");
    }
    if alias.starts_with("d-") {
        return Err("it must not start with \"d-\" (the prefix of directory ids)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_pattern() {
        for ok in [
            "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/X1",
            "arn:aws-cn:connect:cn-north-1:123456789012:instance/",
            "arn:aws:connect::123456789012:instance/abc",
        ] {
            assert!(is_instance_arn(ok), "{ok}");
        }
        for bad in [
            "",
            "arn:aws:connect:us-east-1:12345678901:instance/abc",
            "arn:aws:connect:us-east-1:1234567890123:instance/abc",
            "arn:aws:connect:us-east-1:123456789012:instance/abc/queue/x",
            "arn:aws:connect:us-east-1:123456789012:instance/ab_c",
            "arn:aws:connect:US-EAST-1:123456789012:instance/abc",
            "arn:aws:iam::123456789012:role/x",
            "arn:awsX:connect:us-east-1:123456789012:instance/abc",
            "arn:aws:connect:us-east-1:123456789012:security-profile/abc",
            " arn:aws:connect:us-east-1:123456789012:instance/abc",
        ] {
            assert!(!is_instance_arn(bad), "{bad}");
        }
    }

    #[test]
    fn alias_rules() {
        for ok in ["my-center", "a", "A1", "a--b", &"x".repeat(45)] {
            assert_eq!(check_alias(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "d-123",
            "my center",
            "my_center",
            "é",
            &"x".repeat(46),
        ] {
            assert!(check_alias(bad).is_err(), "{bad}");
        }
    }
}
