//! A YAML template is refused with the way out, not with the history of why.

mod common;

use common::{run, s, temp_dir};

#[test]
fn the_yaml_refusal_gives_the_workaround() {
    let dir = temp_dir("yaml-refusal");
    let file = dir.join("template.yaml");
    std::fs::write(
        &file,
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Agent:\n    Type: AWS::Connect::SecurityProfile\n    Properties:\n      InstanceArn: !Ref InstanceArn\n",
    )
    .unwrap();
    for command in ["audit", "import"] {
        let r = run([command, s(&file)]);
        r.assert_bad_input("template.yaml", "YAML is not supported");
        for way_out in [
            "cfn-flip -j template.yaml > template.json",
            "pip install cfn-flip",
            "cdk synth --json",
        ] {
            assert!(r.stderr.contains(way_out), "{command}: {way_out}: {r:#?}");
        }
        for history in ["serde_yaml", "archived", "forks", "crate"] {
            assert!(!r.stderr.contains(history), "{command}: {history}: {r:#?}");
        }
        assert_eq!(r.stderr.lines().count(), 1, "{r:#?}");
    }
}
