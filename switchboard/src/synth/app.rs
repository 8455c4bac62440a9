//! [`App`]: the stacks of one cloud assembly, and where to write it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use switchboard_core::rules::name::names_collide;

use crate::Error;
use crate::synth::assembly::{
    Assembly, Builder, InMemory, Sink, StackPart, ToDisk, WrittenAssembly,
};
use crate::synth::form::AssemblyForm;
use crate::synth::instance::{Instance, InstanceKind};
use crate::synth::manifest::Manifest;
use crate::synth::provider::{self, Held, SecurityProfileProvider};
use crate::synth::stack::Stack;
use crate::synth::write::{Real, Staging};

/// A CDK app: stacks of security profiles, synthesized into one cloud assembly.
///
/// ```no_run
/// use switchboard::{App, Instance, security_profile};
///
/// security_profile! {
///     pub const TEAM_LEAD = { name: "TeamLead", preset: Supervisor };
///     pub const BASIC_AGENT = { name: "BasicAgent", preset: Agent };
/// }
///
/// fn main() -> Result<(), switchboard::Error> {
///     let mut app = App::new(); // $CDK_OUTDIR when the CDK CLI runs the app, else ./cdk.out
///     let stack = app.stack("MyContactCenter", Instance::create("my-center"));
///     stack.add_security_profile(&TEAM_LEAD)?;
///     stack.add_security_profiles([&BASIC_AGENT])?;
///     app.synth()?;
///     Ok(())
/// }
/// ```
pub struct App {
    outdir: PathBuf,
    form: AssemblyForm,
    sync_to_disk: bool,
    stacks: Vec<Stack>,
    providers: Vec<Held>,
    discovered: bool,
}

impl Default for App {
    fn default() -> Self {
        App::new()
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("outdir", &self.outdir)
            .field("form", &self.form)
            .field("sync_to_disk", &self.sync_to_disk)
            .field("stacks", &self.stacks)
            .field(
                "providers",
                &self
                    .providers
                    .iter()
                    .map(|p| p.get().name())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl App {
    /// The environment variable the CDK CLI sets to the directory the app must write to.
    pub const OUTDIR_ENV: &str = "CDK_OUTDIR";
    /// Where the assembly goes when [`App::OUTDIR_ENV`] is not set, relative to the working
    /// directory.
    pub const DEFAULT_OUTDIR: &str = "cdk.out";

    /// An app that writes to `$CDK_OUTDIR` when it is set (the CDK CLI sets it), else to
    /// `./cdk.out`, in the bootstrapped form.
    pub fn new() -> App {
        let outdir = std::env::var_os(App::OUTDIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(App::DEFAULT_OUTDIR));
        App::with_outdir(outdir)
    }

    /// An app that writes to `outdir`, whatever the environment says.
    pub fn with_outdir(outdir: impl Into<PathBuf>) -> App {
        App {
            outdir: outdir.into(),
            form: AssemblyForm::default(),
            sync_to_disk: false,
            stacks: Vec::new(),
            providers: Vec::new(),
            discovered: false,
        }
    }

    /// Chooses the assembly form ([`AssemblyForm::Bootstrapped`] unless told otherwise).
    pub fn with_form(mut self, form: AssemblyForm) -> App {
        self.form = form;
        self
    }

    /// Whether [`App::synth`] syncs what it writes to disk before it swaps the new assembly
    /// into place (`false` unless told otherwise).
    ///
    /// Without it, `synth` is as durable as the AWS CDK's: atomic against a crash of the
    /// process, but a power loss right after synth may leave an incomplete assembly, and synth
    /// must then run again. With it, every file and the new directory are synced before the
    /// swap and the parent directory after it, which costs a few milliseconds or more.
    pub fn with_sync_to_disk(mut self, sync: bool) -> App {
        self.sync_to_disk = sync;
        self
    }

    /// Whether [`App::synth`] syncs to disk (see [`App::with_sync_to_disk`]).
    pub fn syncs_to_disk(&self) -> bool {
        self.sync_to_disk
    }

    /// Where `synth` writes.
    pub fn outdir(&self) -> &Path {
        &self.outdir
    }

    /// The assembly form.
    pub fn form(&self) -> AssemblyForm {
        self.form
    }

    /// Adds a stack for the profiles of `instance`, and returns it to add profiles to.
    ///
    /// The name is the CloudFormation stack name (1 to 128 letters, digits and hyphens,
    /// starting with a letter); it is checked when the stack is first used, and two stacks of
    /// one app may not share a name. Nor may two stacks create an instance of the same alias
    /// ([`Error::DuplicateInstanceAlias`] from [`App::synth`]): the other stacks of that
    /// instance take its ARN, as [`Instance::parameter`] or [`Instance::existing`].
    pub fn stack(&mut self, name: impl Into<String>, instance: Instance) -> &mut Stack {
        let index = self.stacks.len();
        self.stacks.push(Stack::new(name.into(), instance));
        &mut self.stacks[index]
    }

    /// The stacks, in the order they were added.
    pub fn stacks(&self) -> &[Stack] {
        &self.stacks
    }

    /// The stack named `name`, to add more profiles to.
    pub fn stack_mut(&mut self, name: &str) -> Option<&mut Stack> {
        self.stacks.iter_mut().find(|s| s.name() == name)
    }

    /// Registers a provider (see [`SecurityProfileProvider`]).
    pub fn register(&mut self, provider: impl SecurityProfileProvider + 'static) -> &mut App {
        self.providers.push(Held::Registered(Box::new(provider)));
        self
    }

    /// Adds every provider marked with [`register_provider!`](crate::register_provider) in the
    /// program. Calling it again adds nothing.
    pub fn use_discovered_providers(&mut self) -> &mut App {
        if !self.discovered {
            self.discovered = true;
            self.providers.extend(
                provider::discovered_providers()
                    .into_iter()
                    .map(Held::Discovered),
            );
        }
        self
    }

    /// Runs every provider on every stack it applies to and has not run on yet, in order.
    /// `synth` and `assembly` call it; call it yourself to see the providers' profiles in
    /// [`Stack::template`].
    pub fn apply_providers(&mut self) -> Result<(), Error> {
        for index in provider::run_order(&self.providers) {
            let provider = self.providers[index].get();
            for stack in &mut self.stacks {
                if stack.applied_providers.contains(&index) || !provider.applies_to(stack) {
                    continue;
                }
                provider::apply(provider, stack)?;
                stack.applied_providers.insert(index);
            }
        }
        Ok(())
    }

    /// The cloud assembly in memory: runs the providers, checks every stack (its name, its
    /// instance, names shared between stacks, an instance alias that two stacks create
    /// ([`Error::DuplicateInstanceAlias`]), profiles of one existing instance spread over
    /// several stacks) and renders every template, split where needed. Its files are
    /// byte for byte what [`App::synth`] writes.
    pub fn assembly(&mut self) -> Result<Assembly, Error> {
        self.prepare()?;
        let mut sink = InMemory::default();
        let (manifest, stacks) = self.render_into(&mut sink)?;
        Ok(Assembly {
            manifest,
            stacks,
            files: sink.files,
        })
    }

    /// Synthesizes the cloud assembly and writes it to [`App::outdir`] atomically; returns what
    /// it wrote.
    ///
    /// The checks of [`App::assembly`] come first. Then the templates are rendered and written
    /// one stack part at a time, so memory holds one template, not the whole assembly. The
    /// files are not synced to disk unless [`App::with_sync_to_disk`] asks for it: like the
    /// AWS CDK's, an assembly written just before a power loss may be incomplete (synth must
    /// then run again), while a crash of the process never leaves one half-written.
    ///
    /// # How it writes
    ///
    /// The files are written into a new directory beside the target (same parent, so the renames
    /// below stay on one file system), one at a time as synthesis produces them. Then the previous
    /// assembly, if any, is renamed away, the new one renamed into place, and the previous one
    /// removed. A failure before the swap leaves the previous assembly as it was and removes the
    /// new directory; the swap itself is two renames, and if the second fails the first is undone
    /// (should that fail too, the error says where the previous assembly was kept).
    ///
    /// By default the files are not synced to disk (neither the AWS CDK nor a plain `serde_json`
    /// writer syncs; a sync costs milliseconds per file): the swap is atomic against a crash of
    /// the process, but like the CDK's, an assembly written just before a power loss may be
    /// incomplete, and synth must then run again. [`App::with_sync_to_disk`]
    /// syncs every file and the new directory before the swap, and the parent directory after it.
    ///
    /// The target may be missing, an empty directory, or a previous cloud assembly: a directory
    /// whose `manifest.json` is a file that reads as a cloud assembly manifest (a JSON object with
    /// a string `version` and no key but those of the cloud assembly schema: `version`,
    /// `artifacts`, `minimumCliVersion`, `missing`, `runtime`). Anything else is refused with
    /// [`Error::NotAnAssembly`]: `synth` never replaces a file, a symbolic link, or a directory of
    /// other files, including one with another kind of `manifest.json` (a web app's, a browser
    /// extension's).
    ///
    /// The CDK CLI, which runs the app with `CDK_OUTDIR` set, creates the directory and keeps its
    /// lock files in it (`synth.lock`, `read.<pid>.<n>.lock`) while the app runs. Those files do
    /// not make a directory "non-empty", and they are carried into the new directory so the CLI's
    /// lock stays in force. Only regular files count as the CLI's locks: anything else by those
    /// names (a directory, a FIFO, which would block the copy for ever) is ordinary content.
    ///
    /// A process killed part-way (a crash, `kill -9`, a power cut) cannot clean up: the previous
    /// assembly is intact (or, killed between the two renames, kept beside the target), and the
    /// new directory stays beside the target under a hidden name
    /// (`.<name>.switchboard-new-<pid>-<n>`) that no later `synth` reads or reuses; remove it at
    /// leisure. `synth` does not remove such directories itself: telling a dead writer's from a
    /// live one's (another process, maybe in another PID namespace) cannot be done safely.
    pub fn synth(&mut self) -> Result<WrittenAssembly, Error> {
        self.prepare()?;
        let mut steps = Real;
        let staging = Staging::begin(&self.outdir, &mut steps, self.sync_to_disk)?;
        let mut sink = ToDisk {
            staging,
            files: BTreeMap::new(),
        };
        let (manifest, stacks) = self.render_into(&mut sink)?;
        let ToDisk { staging, files } = sink;
        staging.commit()?;
        Ok(WrittenAssembly {
            manifest,
            stacks,
            files,
        })
    }

    /// The checks that need no rendering: providers, stack names and instances, instances
    /// shared between stacks.
    fn prepare(&mut self) -> Result<(), Error> {
        self.apply_providers()?;
        for stack in &self.stacks {
            stack.validate()?;
        }
        self.check_created_aliases()?;
        self.check_shared_instances()
    }

    /// An alias names one instance: only one stack of the app may create it.
    fn check_created_aliases(&self) -> Result<(), Error> {
        let mut creators: BTreeMap<String, &str> = BTreeMap::new();
        for stack in &self.stacks {
            if let InstanceKind::Create { alias } = stack.instance().kind()
                && let Some(first) = creators.insert(alias.to_ascii_lowercase(), stack.name())
            {
                return Err(Error::DuplicateInstanceAlias {
                    alias: alias.clone(),
                    first: first.to_owned(),
                    second: stack.name().to_owned(),
                });
            }
        }
        Ok(())
    }

    /// Renders every stack, part after part, into `sink`.
    fn render_into(&self, sink: &mut impl Sink) -> Result<(Manifest, Vec<StackPart>), Error> {
        let mut builder = Builder::new(self.form);
        let mut names: BTreeSet<String> = BTreeSet::new();
        for stack in &self.stacks {
            let parts = stack.plan(self.form)?;
            for part in &parts {
                if !names.insert(part.name.to_ascii_lowercase()) {
                    return Err(Error::DuplicateStackName {
                        name: part.name.clone(),
                    });
                }
            }
            builder.stack(stack.name(), parts, sink)?;
        }
        builder.finish(sink)
    }

    /// Stacks that target the same existing instance share its names and its quota.
    fn check_shared_instances(&self) -> Result<(), Error> {
        let mut by_arn: BTreeMap<&str, Vec<&Stack>> = BTreeMap::new();
        for stack in &self.stacks {
            if let InstanceKind::Existing { arn } = stack.instance().kind() {
                by_arn.entry(arn.as_str()).or_default().push(stack);
            }
        }
        for (arn, stacks) in by_arn {
            if stacks.len() < 2 {
                continue;
            }
            let instance = format!("instance {arn}");
            let quota = stacks
                .iter()
                .map(|s| s.instance().profile_quota())
                .max()
                .unwrap_or_default();
            let mut seen: Vec<&str> = Vec::new();
            for profile in stacks.iter().flat_map(|s| s.security_profiles()) {
                if let Some(existing) = seen.iter().find(|n| names_collide(n, profile.name())) {
                    return Err(Error::DuplicateProfileName {
                        instance,
                        name: profile.name().to_owned(),
                        existing: (*existing).to_owned(),
                    });
                }
                if seen.len() >= quota {
                    return Err(Error::QuotaExceeded {
                        instance,
                        quota,
                        profile: profile.name().to_owned(),
                    });
                }
                seen.push(profile.name());
            }
        }
        Ok(())
    }
}
