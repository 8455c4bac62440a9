//! [`Error`]: everything that can go wrong between declaring profiles and writing a cloud
//! assembly.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::BuildError;

/// Everything that can go wrong when profiles are added to a stack, a template is rendered or
/// an assembly is written.
///
/// `?` turns a [`BuildError`] into [`Error::InvalidProfile`], so one function can build
/// profiles at run time and synthesize them:
///
/// ```
/// use switchboard::{App, Instance, SecurityProfile, presets};
///
/// fn declare(app: &mut App) -> Result<(), switchboard::Error> {
///     let agent = SecurityProfile::builder("NightShiftAgent")
///         .preset(presets::Agent)
///         .build()?;
///     app.stack("NightShift", Instance::parameter())
///         .add_security_profile(&agent)?;
///     Ok(())
/// }
/// # declare(&mut App::with_outdir("unused"))?;
/// # Ok::<(), switchboard::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A profile built at run time broke a rule (see [`BuildError`]).
    InvalidProfile(BuildError),
    /// A second profile with the same name (compared ignoring case, as AWS does) on the same
    /// Connect instance.
    DuplicateProfileName {
        /// The instance, described for people (which stack creates it, or its ARN).
        instance: String,
        /// The name of the profile that was refused.
        name: String,
        /// The name of the profile that already has it.
        existing: String,
    },
    /// The instance already holds as many profiles as its quota allows.
    QuotaExceeded {
        /// The instance, described for people.
        instance: String,
        /// The quota (100 unless raised with [`Instance::with_profile_quota`](crate::Instance::with_profile_quota)).
        quota: usize,
        /// The profile that did not fit.
        profile: String,
    },
    /// An instance ARN that does not match
    /// `^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$`.
    InvalidInstanceArn {
        /// The ARN as given.
        arn: String,
    },
    /// An instance alias AWS would refuse.
    InvalidInstanceAlias {
        /// The alias as given.
        alias: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// A stack name CloudFormation would refuse.
    InvalidStackName {
        /// The name as given (or as the split made it, `<Stack>Part2`).
        name: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// Two stacks of one app would have the same name (compared ignoring case, because the
    /// template files of both would collide on case-insensitive file systems).
    DuplicateStackName {
        /// The name.
        name: String,
    },
    /// Two stacks of one app create a Connect instance of the same alias (compared ignoring
    /// case, as the alias is the host name of the instance's URL): an alias names one instance.
    DuplicateInstanceAlias {
        /// The alias, as the second stack gives it.
        alias: String,
        /// The stack that creates it first, in the order the stacks were added.
        first: String,
        /// The other stack.
        second: String,
    },
    /// A template is too large for the assembly form chosen.
    TemplateTooLarge {
        /// The stack.
        stack: String,
        /// Its size in bytes.
        bytes: usize,
        /// The most the form allows.
        limit: usize,
        /// What to do about it.
        help: &'static str,
    },
    /// `synth` refused to replace what is at its output path: only a missing path, an empty
    /// directory or a previous cloud assembly may be replaced, never a file, a symbolic link
    /// or a directory of other files (see [`App::synth`](crate::App::synth)).
    NotAnAssembly {
        /// The output path.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidProfile(e) => e.fmt(f),
            Error::DuplicateProfileName {
                instance,
                name,
                existing,
            } => {
                if name == existing {
                    write!(
                        f,
                        "{instance} already has a security profile named {name:?}; profile names must be unique in an instance"
                    )
                } else {
                    write!(
                        f,
                        "security profile {name:?} collides with {existing:?} in {instance}: AWS compares profile names ignoring case"
                    )
                }
            }
            Error::QuotaExceeded {
                instance,
                quota,
                profile,
            } => write!(
                f,
                "security profile {profile:?} would exceed the quota of {quota} security profiles of {instance}; \
                 if the quota was raised (Service Quotas L-F325A715), say so with `Instance::with_profile_quota`"
            ),
            Error::InvalidInstanceArn { arn } => write!(
                f,
                "{arn:?} is not an Amazon Connect instance ARN \
                 (expected arn:<partition>:connect:<region>:<12-digit account>:instance/<id>)"
            ),
            Error::InvalidInstanceAlias { alias, reason } => {
                write!(
                    f,
                    "instance alias {alias:?} is not accepted by AWS: {reason}"
                )
            }
            Error::InvalidStackName { name, reason } => {
                write!(
                    f,
                    "stack name {name:?} is not accepted by CloudFormation: {reason}"
                )
            }
            Error::DuplicateStackName { name } => write!(
                f,
                "two stacks of the app are named {name:?} (names are compared ignoring case)"
            ),
            Error::DuplicateInstanceAlias {
                alias,
                first,
                second,
            } => write!(
                f,
                "stacks {first:?} and {second:?} both create the Connect instance {alias:?} \
                 (`Instance::create`), but an alias names one instance: let {first:?} create it, \
                 and give {second:?} `Instance::parameter()` (deploy it with \
                 `--parameters InstanceArn=<the ConnectInstanceArn output of {first}>`) or \
                 `Instance::existing(<that ARN>)`; or put the profiles in one stack"
            ),
            Error::TemplateTooLarge {
                stack,
                bytes,
                limit,
                help,
            } => write!(
                f,
                "the template of stack {stack:?} is {bytes} bytes, more than the {limit} this form allows; {help}"
            ),
            Error::NotAnAssembly { path } => write!(
                f,
                "{} is neither an empty directory nor a cloud assembly (a directory with a cloud \
                 assembly's manifest.json), so synth will not replace it: choose another output \
                 directory, or remove it",
                path.display()
            ),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidProfile(e) => Some(e),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Error::InvalidProfile(e)
    }
}
